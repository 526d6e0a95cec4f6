using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// Renders summary.html: a self-contained page for the subject. Every value that did not come from this file's own
/// constants is HTML-encoded; there are no scripts and no external resources, and a Content-Security-Policy forbids
/// both in case a viewer is lenient.
/// </summary>
internal static class SummaryHtml
{
    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1b;line-height:1.45}" +
        "h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}h3{font-size:1.05rem;margin-top:1.5rem}" +
        "dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}" +
        "table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}" +
        "th{background:#f2f2f2}.scroll{overflow-x:auto}.failed{color:#a40000}.note{color:#555;font-size:.9rem}td{white-space:pre-wrap;word-break:break-word}" +
        ".passed{color:#a40000;font-weight:600}" + HtmlText.PrintStyle;

    public static string Render(RequestSummary request, IReadOnlyList<SystemReport> systems, ExportPackageOptions options, SubjectFacts? facts = null)
    {
        var t = SummaryText.For(request.Language);
        var language = Languages.Normalise(request.Language);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(t.Lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(t.Title)).Append(" – ").Append(E(request.LegalEntityName)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(E(t.Title)).Append("</h1>\n")
            .Append("<p>").Append(E(t.Intro)).Append("</p>\n<dl>\n");
        Term(html, t.Controller, request.LegalEntityName);
        Term(html, t.RequestId, request.RequestId);
        Term(html, t.ReceivedOn, LocalDates.Format(request.ReceivedOn, language));
        Term(html, t.DueOn, LocalDates.Format(request.DueOn, language));
        Term(html, t.GeneratedAt, LocalDates.Format(request.GeneratedAt, language));
        html.Append("</dl>\n");
        foreach (var restriction in request.Restrictions)
        {
            var s = SubjectText.For(language);
            html.Append("<p class=\"restricted\">").Append(E(string.Format(System.Globalization.CultureInfo.InvariantCulture, s.RestrictionHolds,
                LocalDates.Format(restriction.Since, language), s.GroundText(restriction.Ground), restriction.RequestId))).Append("</p>\n");
        }

        RenderOverview(html, t, systems, facts);
        foreach (var system in systems)
        {
            RenderSystem(html, t, system, options, facts);
        }

        if (facts is not null)
        {
            RenderRights(html, SubjectText.For(language), facts);
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string SystemName(SystemReport system, SubjectFacts? facts) =>
        facts?.SystemName(system.Result.SystemId, system.Result.SystemName) ?? system.Result.SystemName;

    private static void RenderOverview(StringBuilder html, SummaryText t, IReadOnlyList<SystemReport> systems, SubjectFacts? facts)
    {
        html.Append("<h2>").Append(E(t.Overview)).Append("</h2>\n<table>\n<thead><tr>");
        foreach (var heading in new[] { t.System, t.Status, t.Categories, t.Records })
        {
            html.Append("<th>").Append(E(heading)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var system in systems)
        {
            var failed = system.Result.IsFailed;
            html.Append("<tr><td>").Append(E(SystemName(system, facts))).Append("</td>")
                .Append(failed ? "<td class=\"failed\">" : "<td>").Append(E(failed ? t.Failed : t.Succeeded)).Append("</td>")
                .Append("<td>").Append(system.Categories.Where(c => c.RecordCount > 0).Select(c => c.Facts?.Key ?? c.Name).Distinct().Count().ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td>").Append(system.Categories.Sum(c => c.RecordCount).ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void RenderSystem(StringBuilder html, SummaryText t, SystemReport system, ExportPackageOptions options, SubjectFacts? facts)
    {
        html.Append("<section>\n<h2>").Append(E(SystemName(system, facts))).Append("</h2>\n");
        if (system.Result.IsFailed)
        {
            html.Append("<p class=\"failed\">").Append(E(t.FailedSystem)).Append(' ')
                .Append(E(system.Result.Error ?? system.Result.Status)).Append("</p>\n");
        }
        else if (system.Categories.All(c => c.Outcome == OutcomeKind.NotFound || c.RecordCount == 0 && c.Outcome == OutcomeKind.Exported))
        {
            html.Append("<p>").Append(E(t.NothingFound)).Append("</p>\n");
        }

        if (system.Result.Identity is { } identity)
        {
            html.Append("<p class=\"identity\">").Append(E(identity)).Append("</p>\n");
        }

        if (facts is null)
        {
            foreach (var category in system.Categories)
            {
                RenderCategory(html, t, category, options);
            }
        }
        else
        {
            // One heading per configured category, however many of the connector's categories it covers.
            foreach (var group in system.Categories.GroupBy(c => c.Facts!.Key, StringComparer.Ordinal))
            {
                RenderConfiguredCategory(html, t, SubjectText.For(facts.Language), group.ToList(), options, facts.Language);
            }
        }

        html.Append("</section>\n");
    }

    private static void RenderConfiguredCategory(StringBuilder html, SummaryText t, SubjectText s, IReadOnlyList<CategoryReport> members, ExportPackageOptions options, string language)
    {
        var facts = members[0].Facts!;
        var outcomes = members.Select(m => m.Outcome).Distinct().ToList();
        var outcome = outcomes.Contains(OutcomeKind.Exported) ? OutcomeKind.Exported : outcomes[0];
        var count = members.Sum(m => m.RecordCount);
        html.Append("<h3>").Append(E(facts.Label)).Append("</h3>\n<dl>\n");
        Term(html, t.Outcome, OutcomeLabel(t, outcome));
        Term(html, t.Records, count.ToString(CultureInfo.InvariantCulture));
        Term(html, t.Purpose, facts.Purpose);
        Term(html, t.LegalBasis, facts.LegalBasis);
        Term(html, s.PersonalData, facts.PersonalData);
        if (facts.Configured)
        {
            var recipients = facts.Recipients.Count == 0
                ? s.NoRecipients
                : string.Join("; ", facts.Recipients.Select(r => Recipient(s, r)));
            Term(html, s.Recipients, recipients);
        }

        Term(html, t.Source, facts.Source);
        if (facts.Retention is { } retention)
        {
            Term(html, t.Retention, retention.LegalReference is null ? retention.Text : $"{retention.Text} ({retention.LegalReference})");
        }

        Term(html, s.AutomatedDecisions, facts.Configured ? facts.AutomatedDecisions ?? s.NoAutomatedDecisions : facts.AutomatedDecisions);
        html.Append("</dl>\n");
        var passed = members.Sum(m => m.PastRetention);
        if (passed > 0)
        {
            html.Append("<p class=\"passed\">").Append(E(string.Format(CultureInfo.InvariantCulture, s.RetentionPassed, passed))).Append("</p>\n");
        }

        if (!facts.Configured)
        {
            html.Append("<p class=\"note\">").Append(E(s.FromConnector)).Append("</p>\n");
        }

        foreach (var member in members)
        {
            if (member.Reason is not null)
            {
                html.Append("<p class=\"failed\">").Append(E(member.Reason)).Append("</p>\n");
            }

            RenderRecords(html, t, member, options, language);
        }
    }

    private static string Recipient(SubjectText s, RecipientFacts r)
    {
        var text = r.Role is null ? r.Name : $"{r.Name} ({r.Role})";
        return r.OutsideEea ? $"{text}, {string.Format(CultureInfo.InvariantCulture, s.OutsideEea, r.Country, r.Safeguard)}" : text;
    }

    private static void RenderRights(StringBuilder html, SubjectText s, SubjectFacts facts)
    {
        var controller = facts.Controller;
        html.Append("<section>\n<h2>").Append(E(s.RightsHeading)).Append("</h2>\n");
        if (controller.ActsAsProcessorFor is { } forWhom)
        {
            html.Append("<p>").Append(E(string.Format(CultureInfo.InvariantCulture, s.Processor, forWhom))).Append("</p>\n");
        }

        html.Append("<ul>\n");
        foreach (var right in s.Rights)
        {
            html.Append("<li>").Append(E(right)).Append("</li>\n");
        }

        html.Append("</ul>\n<h3>").Append(E(s.ComplaintHeading)).Append("</h3>\n<p>")
            .Append(E(string.Format(CultureInfo.InvariantCulture, s.Complaint, controller.SupervisoryAuthority)));
        if (controller.SupervisoryAuthorityUrl is { } url)
        {
            html.Append(' ').Append(Link(url));
        }

        html.Append("</p>\n<h3>").Append(E(s.ContactHeading)).Append("</h3>\n<p>")
            .Append(E(string.Format(CultureInfo.InvariantCulture, s.Contact, controller.PrivacyContact))).Append("</p>\n</section>\n");
    }

    /// <summary>A link only for http(s) addresses; anything else is shown as text.</summary>
    internal static string Link(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"<a href=\"{E(uri.AbsoluteUri)}\">{E(url)}</a>"
            : E(url);

    private static void RenderCategory(StringBuilder html, SummaryText t, CategoryReport category, ExportPackageOptions options)
    {
        html.Append("<h3>").Append(E(category.Name)).Append("</h3>\n<dl>\n");
        Term(html, t.Outcome, OutcomeLabel(t, category.Outcome));
        Term(html, t.Purpose, category.Purpose);
        Term(html, t.LegalBasis, category.LegalBasis);
        Term(html, t.Source, category.Source);
        Term(html, t.Retention, category.Retention);
        Term(html, t.Records, category.RecordCount.ToString(CultureInfo.InvariantCulture));
        html.Append("</dl>\n");
        if (category.Reason is not null)
        {
            html.Append("<p class=\"failed\">").Append(E(category.Reason)).Append("</p>\n");
        }

        RenderRecords(html, t, category, options, null);
    }

    /// <param name="language">With a language, rows read as the subject reads them (<see cref="RecordPresentation"/>), one table per shape of record.</param>
    private static void RenderRecords(StringBuilder html, SummaryText t, CategoryReport category, ExportPackageOptions options, string? language)
    {
        if (category.Sample.Count > 0 && language is null)
        {
            RenderRows(html, t, category.Sample, options.MaxCellCharactersInSummary);
        }
        else if (category.Sample.Count > 0)
        {
            // Records of one shape share a table, so no row is spread over columns it does not have.
            var readable = category.Sample.Select(r => RecordPresentation.ForSubject(r, category.Name, language!));
            foreach (var shape in readable.GroupBy(r => string.Join("\u0001", r.Properties().Select(p => p.Name)), StringComparer.Ordinal))
            {
                RenderRows(html, t, shape.ToList(), options.MaxCellCharactersInSummary);
            }
        }

        if (category.JsonPath is not null && category.CsvPath is not null)
        {
            var json = $"<code>{E(category.JsonPath)}</code>";
            var csv = $"<code>{E(category.CsvPath)}</code>";
            // The format strings are this file's constants; only the encoded paths are substituted.
            var note = category.Sample.Count < category.RecordCount
                ? string.Format(CultureInfo.InvariantCulture, E(t.SomeRowsShown), category.Sample.Count, category.RecordCount, json, csv)
                : string.Format(CultureInfo.InvariantCulture, E(t.AllRowsShown), json, csv);
            html.Append("<p class=\"note\">").Append(note).Append("</p>\n");
        }
    }

    private static void RenderRows(StringBuilder html, SummaryText t, IReadOnlyList<JObject> rows, int maxCell)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in rows.SelectMany(r => r.Properties()))
        {
            if (seen.Add(property.Name))
            {
                columns.Add(property.Name);
            }
        }

        html.Append("<div class=\"scroll\"><table>\n<thead><tr>");
        if (columns.Count == 0)
        {
            html.Append("<th>").Append(E(t.Field)).Append("</th>");
        }

        foreach (var column in columns)
        {
            html.Append("<th>").Append(E(column)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            if (columns.Count == 0)
            {
                html.Append("<td></td>");
            }

            foreach (var column in columns)
            {
                html.Append("<td>").Append(E(Cut(WireFormat.FieldText(row[column]), maxCell))).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    private static string OutcomeLabel(SummaryText t, OutcomeKind outcome) => outcome switch
    {
        OutcomeKind.Exported => t.Exported,
        OutcomeKind.NotFound => t.NotFound,
        OutcomeKind.ManualActionRequired => t.ManualAction,
        OutcomeKind.Failed => t.CategoryFailed,
        _ => WireFormat.Outcome(outcome),
    };

    private static void Term(StringBuilder html, string term, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
    }

    private static string? Cut(string? value, int max)
    {
        if (value is null || value.Length <= max)
        {
            return value;
        }

        // Never split a surrogate pair: half a character would encode as garbage.
        var length = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return string.Concat(value.AsSpan(0, length), "…");
    }

    private static string E(string? value) => HtmlText.Encode(value);
}
