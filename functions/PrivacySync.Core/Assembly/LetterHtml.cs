using System.Globalization;
using System.Text;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Assembly;

/// <summary>How the subject can check a signed certificate: the key's id, where it is published, and one command.</summary>
/// <param name="KeyUrl">Where the public key is published (GET /api/certificates/key of the app); null when it is not public.</param>
/// <param name="File">The signed document's file name as the subject receives it.</param>
public sealed record CertificateCheck(string KeyId, string? KeyUrl, string File = CertificateCheck.CertificateFile)
{
    public const string CertificateFile = "certificate.json";

    /// <summary>One line anyone with the privacysync CLI can run (curl fetches the published key).</summary>
    public string Command => KeyUrl is null
        ? $"privacysync verify {File} --key key.pem"
        : $"curl -fsS {KeyUrl} -o key.pem && privacysync verify {File} --key key.pem";
}

/// <summary>
/// The letters to the subject (letter.html), in the request's language only and printable as they are: the cover
/// letter of an access package and the confirmation of an erasure. Every value is encoded (<see cref="HtmlText"/>);
/// every statement comes from the configuration (<see cref="SubjectFacts"/>) or the signed document's outcomes.
/// </summary>
public static class LetterHtml
{
    private const string Style =
        "body{font-family:Georgia,'Times New Roman',serif;margin:2rem auto;max-width:44rem;padding:0 1rem;color:#111;line-height:1.5}" +
        "header{margin-bottom:2rem}header p{margin:0}h1{font-size:1.4rem;margin-top:2rem}h2{font-size:1.1rem;margin-top:1.6rem}" +
        "table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}" +
        "th{background:#f2f2f2}code{font-family:ui-monospace,monospace;font-size:.85rem;word-break:break-all}.ended{color:#a40000}" +
        HtmlText.PrintStyle;

    internal static string Access(RequestSummary request, IReadOnlyList<SystemReport> systems, SubjectFacts facts)
    {
        var t = SubjectText.For(facts.Language);
        var html = Begin(t.AccessTitle, facts, request.GeneratedAt);
        Paragraph(html, t.Greeting);
        Paragraph(html, Fill(t.AccessIntro, LocalDates.Format(request.ReceivedOn, facts.Language)));
        Paragraph(html, t.AccessEnclosed);
        html.Append("<table>\n<thead><tr><th>").Append(E(t.System)).Append("</th><th>").Append(E(t.Records)).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var system in systems.Where(s => !s.Result.IsFailed))
        {
            var count = system.Categories.Sum(c => c.RecordCount);
            html.Append("<tr><td>").Append(E(facts.SystemName(system.Result.SystemId, system.Result.SystemName))).Append("</td><td>")
                .Append(E(count == 0 ? t.NotFound : count.ToString(CultureInfo.InvariantCulture))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        foreach (var identity in systems.Select(s => s.Result.Identity).OfType<string>())
        {
            Paragraph(html, identity); // an officer settled who the subject is in that system
        }

        var failed = systems.Where(s => s.Result.IsFailed).ToList();
        if (failed.Count > 0)
        {
            Paragraph(html, t.AccessPending);
            List(html, failed.Select(s => facts.SystemName(s.Result.SystemId, s.Result.SystemName)));
        }

        Rights(html, t, facts);
        Remedies(html, t, facts);
        return End(html, t, facts);
    }

    /// <summary>The erasure letter for the outcomes a deletion certificate states (made with the same <paramref name="facts"/>).</summary>
    public static string Erasure(StatedDocument document, SubjectFacts facts, CertificateCheck check)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(check);
        var t = SubjectText.For(facts.Language);
        var html = Begin(t.ErasureTitle, facts, document.IssuedAt);
        Paragraph(html, t.Greeting);
        Paragraph(html, Fill(t.ErasureIntro, LocalDates.Format(document.ReceivedOn, facts.Language), LocalDates.Format(document.CompletedOn, facts.Language)));
        foreach (var system in document.Systems)
        {
            if (!SystemHeading(html, t, system))
            {
                continue;
            }

            html.Append("<table>\n<thead><tr><th>").Append(E(t.Category)).Append("</th><th>").Append(E(t.WhatWeDid))
                .Append("</th><th>").Append(E(t.Records)).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var category in system.Categories)
            {
                var ended = category.Outcome == OutcomeKind.Retained && category.RetainedUntil < document.CompletedOn;
                html.Append("<tr><td>").Append(E(category.Label ?? category.Category)).Append(ended ? "</td><td class=\"ended\">" : "</td><td>")
                    .Append(E(WhatWeDid(t, category, facts.Language, ended))).Append("</td><td>")
                    .Append(category.RecordCount.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        if (document.Systems.Any(s => s.Categories.Any(c => c.Outcome == OutcomeKind.Pseudonymised)))
        {
            Paragraph(html, t.PseudonymisedExplained);
        }

        var caveats = document.Systems.SelectMany(s => s.Caveats ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (caveats.Count > 0)
        {
            Heading(html, t.CaveatsHeading);
            List(html, caveats);
        }

        Heading(html, t.RecipientsHeading);
        var recipients = document.Systems
            .SelectMany(s => s.Categories
                .Where(c => c.Outcome is OutcomeKind.Erased or OutcomeKind.Anonymised or OutcomeKind.Pseudonymised)
                .SelectMany(c => facts.Category(s.SystemId, c.Category).Recipients))
            .Select(r => r.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Paragraph(html, recipients.Count == 0 ? t.Article19None : Fill(t.Article19, string.Join(", ", recipients)));

        Remedies(html, t, facts);
        Verification(html, t, facts, check);
        return End(html, t, facts);
    }

    /// <summary>The rectification letter for what a rectification confirmation states: per system and field, then Art. 19.</summary>
    public static string Rectification(RectificationConfirmation document, SubjectFacts facts, CertificateCheck check)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(check);
        var t = SubjectText.For(facts.Language);
        var stated = document.Statement;
        var html = Begin(t.RectificationTitle, facts, stated.IssuedAt);
        Paragraph(html, t.Greeting);
        Paragraph(html, Fill(t.RectificationIntro, LocalDates.Format(stated.ReceivedOn, facts.Language), LocalDates.Format(stated.CompletedOn, facts.Language)));
        SystemTables(html, t, stated.Systems, t.Field,
            (system, category) => category.Field is { } name ? facts.FieldLabel(system.SystemId, name) : category.Label ?? category.Category);
        return ClosingWithRecipients(html, t, facts, check, document.Recipients, t.RectificationRecipientsNone, t.RectificationRecipients);
    }

    /// <summary>Per system its heading and a table of what was done, the first column as <paramref name="label"/> names it.</summary>
    private static void SystemTables(StringBuilder html, SubjectText t, IReadOnlyList<StatedSystem> systems, string firstColumn, Func<StatedSystem, StatedCategory, string> label)
    {
        foreach (var system in systems)
        {
            if (!SystemHeading(html, t, system))
            {
                continue;
            }

            html.Append("<table>\n<thead><tr><th>").Append(E(firstColumn)).Append("</th><th>").Append(E(t.WhatWeDid)).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var category in system.Categories)
            {
                html.Append("<tr><td>").Append(E(label(system, category))).Append("</td><td>").Append(E(category.Statement)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }
    }

    /// <summary>Who is told of the change (Art. 19), the remedies and how to check the signed document; then the letter's end.</summary>
    private static string ClosingWithRecipients(
        StringBuilder html, SubjectText t, SubjectFacts facts, CertificateCheck check, IReadOnlyList<RecipientNotice> recipients, string none, string some)
    {
        Heading(html, t.RecipientsHeading);
        Paragraph(html, recipients.Count == 0 ? none : Fill(some, string.Join(", ", recipients.Select(r => r.Recipient))));
        Remedies(html, t, facts);
        Verification(html, t, facts, check);
        return End(html, t, facts);
    }

    /// <summary>The system's heading and how an officer settled who the subject is there; false (after saying so) when the system failed.</summary>
    private static bool SystemHeading(StringBuilder html, SubjectText t, StatedSystem system)
    {
        html.Append("<h2>").Append(E(system.SystemName)).Append("</h2>\n");
        if (system.Identity is { } identity)
        {
            Paragraph(html, identity); // an officer settled who the subject is in this system
        }

        if (system.Status == SystemResult.Failed)
        {
            Paragraph(html, t.SystemFailed);
            return false;
        }

        return true;
    }

    /// <summary>
    /// The restriction letter for what a restriction confirmation states: the Art. 18(1) ground, per system and category
    /// what is held, that the subject is told before it is lifted (Art. 18(3)), then Art. 19.
    /// </summary>
    public static string Restriction(RestrictionConfirmation document, SubjectFacts facts, CertificateCheck check)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(check);
        var t = SubjectText.For(facts.Language);
        var stated = document.Statement;
        var html = Begin(t.RestrictionTitle, facts, stated.IssuedAt);
        Paragraph(html, t.Greeting);
        Paragraph(html, Fill(t.RestrictionIntro, LocalDates.Format(stated.ReceivedOn, facts.Language), LocalDates.Format(stated.CompletedOn, facts.Language), t.GroundText(document.Ground)));
        SystemTables(html, t, stated.Systems, t.Category, (_, category) => category.Label ?? category.Category);
        Paragraph(html, t.RestrictionLift);
        return ClosingWithRecipients(html, t, facts, check, document.Recipients, t.RestrictionRecipientsNone, t.RestrictionRecipients);
    }

    /// <summary>
    /// The letter that tells the subject a restriction will be lifted (GDPR Art. 18(3)), issued before any system lifts
    /// it: which request, since when it held, and from which day processing may resume.
    /// </summary>
    public static string LiftNotice(SubjectFacts facts, string requestId, DateOnly receivedOn, DateOnly since, DateOnly liftFrom, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var t = SubjectText.For(facts.Language);
        var html = Begin(t.LiftTitle, facts, issuedAt);
        Paragraph(html, t.Greeting);
        Paragraph(html, Fill(t.LiftIntro, LocalDates.Format(receivedOn, facts.Language), requestId, LocalDates.Format(since, facts.Language), LocalDates.Format(liftFrom, facts.Language)));
        Paragraph(html, t.LiftRights);
        Remedies(html, t, facts);
        return End(html, t, facts);
    }

    private static void Verification(StringBuilder html, SubjectText t, SubjectFacts facts, CertificateCheck check)
    {
        Heading(html, t.VerifyHeading);
        Paragraph(html, Fill(t.Verify, check.KeyId));
        Paragraph(html, check.KeyUrl is null ? Fill(t.VerifyKeyAsk, facts.Controller.PrivacyContact) : Fill(t.VerifyKeyAt, check.KeyUrl));
        html.Append("<p>").Append(E(t.VerifyCommand)).Append("</p>\n<p><code>").Append(E(check.Command)).Append("</code></p>\n");
    }

    private static string WhatWeDid(SubjectText t, StatedCategory category, string language, bool ended)
    {
        var ground = category.LegalBasis ?? string.Empty;
        return category.Outcome switch
        {
            OutcomeKind.Erased => t.Erased,
            OutcomeKind.Anonymised => t.Anonymised,
            OutcomeKind.Pseudonymised => t.Pseudonymised,
            OutcomeKind.Retained when ended => $"{Fill(t.RetainedUntil, LocalDates.Format(category.RetainedUntil!.Value, language), ground)} {t.RetentionOver}",
            OutcomeKind.Retained when category.RetainedUntil is { } until => Fill(t.RetainedUntil, LocalDates.Format(until, language), ground),
            OutcomeKind.Retained => Fill(t.RetainedOpenEnded, ground),
            OutcomeKind.NotFound => t.NotFound,
            OutcomeKind.ManualActionRequired => t.ManualAction,
            OutcomeKind.Unsubscribed => t.Unsubscribed,
            OutcomeKind.Exported => t.Exported,
            _ => t.NotCompleted,
        };
    }

    private static StringBuilder Begin(string title, SubjectFacts facts, DateTimeOffset date)
    {
        var html = new StringBuilder(8 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(facts.Language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append(" – ").Append(E(facts.Controller.Name)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n<header>\n")
            .Append("<p><strong>").Append(E(facts.Controller.Name)).Append("</strong></p>\n")
            .Append("<p>").Append(E(facts.Controller.PrivacyContact)).Append("</p>\n")
            .Append("<p>").Append(E(LocalDates.Format(date, facts.Language))).Append("</p>\n</header>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n");
        return html;
    }

    private static string End(StringBuilder html, SubjectText t, SubjectFacts facts)
    {
        Heading(html, t.ContactHeading);
        Paragraph(html, Fill(t.Contact, facts.Controller.PrivacyContact));
        html.Append("<p>").Append(E(t.SignOff)).Append("<br>\n").Append(E(facts.Controller.Name)).Append("<br>\n")
            .Append(E(t.PrivacyOffice)).Append("</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Rights(StringBuilder html, SubjectText t, SubjectFacts facts)
    {
        Heading(html, t.RightsHeading);
        if (facts.Controller.ActsAsProcessorFor is { } controller)
        {
            Paragraph(html, Fill(t.Processor, controller));
        }

        List(html, t.Rights);
    }

    private static void Remedies(StringBuilder html, SubjectText t, SubjectFacts facts)
    {
        Heading(html, t.RemediesHeading);
        html.Append("<p>").Append(E(Fill(t.Remedies, facts.Controller.SupervisoryAuthority)));
        if (facts.Controller.SupervisoryAuthorityUrl is { } url)
        {
            html.Append(' ').Append(SummaryHtml.Link(url));
        }

        html.Append("</p>\n");
    }

    private static void Heading(StringBuilder html, string text) => html.Append("<h2>").Append(E(text)).Append("</h2>\n");

    private static void Paragraph(StringBuilder html, string text) => html.Append("<p>").Append(E(text)).Append("</p>\n");

    private static void List(StringBuilder html, IEnumerable<string> items)
    {
        html.Append("<ul>\n");
        foreach (var item in items)
        {
            html.Append("<li>").Append(E(item)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static string Fill(string template, params object?[] values) => string.Format(CultureInfo.InvariantCulture, template, values);

    private static string E(string? value) => HtmlText.Encode(value);
}
