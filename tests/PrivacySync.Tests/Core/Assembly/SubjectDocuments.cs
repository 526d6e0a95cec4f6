using System.Net;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Tests.Connectors;
using PrivacySync.Tests.Core.Support;
using static PrivacySync.Tests.Core.Assembly.ExportTestData;

namespace PrivacySync.Tests.Core.Assembly;

/// <summary>Builds the subject's documents (package, certificate, letters) from the shipped sample configuration.</summary>
internal static partial class SubjectDocuments
{
    public static readonly DateOnly CompletedOn = new(2026, 3, 14);

    public static PrivacySyncOptions Sample()
    {
        var result = PrivacySyncOptionsLoader.Parse(
            File.ReadAllText(RepositoryFiles.PathOf("functions/PrivacySync.Functions/config/privacysync.json")), InstalledKinds.All);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Options;
    }

    /// <summary>The entity whose default language is <paramref name="language"/>: Nordvik Norway (nb), Sweden (sv), Handelshuset's English request.</summary>
    public static string EntityFor(string language) => language switch
    {
        "nb" => "nordvik-no",
        "sv" => "nordvik-se",
        _ => "nordvik-no",
    };

    public static SubjectFacts Facts(PrivacySyncOptions options, string entityId, string language) =>
        new(options, options.FindEntity(entityId)!, language);

    public static RequestSummary Request(string type, string entityId, string language) =>
        new("req-2026-0007", type, entityId, "Nordvik Consulting", new DateOnly(2026, 2, 20), new DateOnly(2026, 3, 20), language, GeneratedAt);

    /// <summary>An access package with CRM contact data and deals, and an HR system that failed.</summary>
    public static async Task<Dictionary<string, string>> AccessPackageAsync(PrivacySyncOptions options, string entityId, string language)
    {
        var facts = Facts(options, entityId, language);
        ExportRecord Crm(string category, JObject fields) =>
            new(category, "Connector purpose", "GDPR Art. 6(1)(b) – performance of a contract", "HubSpot companie 1001", "As long as the customer relationship lasts", fields);
        var crm = new ExportSource(
            SystemResult.Success("hubspot-nordvik", "HubSpot (Nordvik marketing CRM)", [
                new CategoryOutcome("contact-profile", OutcomeKind.Exported, 1),
                new CategoryOutcome("deals", OutcomeKind.Exported, 2),
            ]),
            Stream([
                Crm("contact-profile", new JObject { ["Fornavn"] = "Kari", ["Etternavn"] = "Nordmann" }),
                Crm("deals", new JObject { ["HubSpot id"] = "1001", ["Deal"] = "Rammeavtale 2025", ["Stage"] = "presentationscheduled" }) with { RetainUntil = new DateOnly(2025, 12, 31) },
                Crm("deals", new JObject { ["Avtale"] = "Rammeavtale 2026" }) with { RetainUntil = new DateOnly(2031, 12, 31) },
            ]));
        var hr = ExportSource.Failed(SystemResult.Failure("microsoft365-nordvik", "Microsoft 365 (Nordvik mail, OneDrive, SharePoint)", "Graph returned 403"));
        using var output = new MemoryStream();
        await new ExportPackageWriter().WriteAsync(output, Request("access", entityId, language), [crm, hr], facts, TestContext.Current.CancellationToken);
        return Entries(output.ToArray()).ToDictionary(e => e.Key, e => Text(e.Value));
    }

    /// <summary>Erasure results as the connectors report them: CRM erased and deals left to the configured rule, HR retained and pseudonymised.</summary>
    public static IReadOnlyList<SystemResult> ErasureResults() =>
    [
        SystemResult.Success("hubspot-nordvik", "HubSpot (Nordvik marketing CRM)", [
            new CategoryOutcome("contact-profile", OutcomeKind.Erased, 1),
            new CategoryOutcome("engagements", OutcomeKind.Erased, 4),
            CategoryOutcome.Retained("deals", 2, "GDPR Art. 6(1)(c) – legal obligation (bookkeeping)", null),
        ]) with { Caveats = [Caveat.AddressBlocklisted] },
        SystemResult.Success("hr-db-no", "HR database (Nordvik Norway, on premises)", [
            CategoryOutcome.Retained("Payroll", 24, "Bookkeeping law: 5 years after the fiscal year (Norway), 7 years (Sweden) (Art. 17(3)(b))", new DateOnly(2031, 12, 31)),
            CategoryOutcome.Retained("Bank details", 1, "Bookkeeping law (Art. 17(3)(b))", new DateOnly(2030, 12, 31)),
            CategoryOutcome.Retained("Absence and leave", 3, "Holiday law (Art. 17(3)(b))", new DateOnly(2026, 1, 31)),
            new CategoryOutcome("Contact details", OutcomeKind.Pseudonymised, 1),
        ]),
    ];

    public static DeletionCertificate Certificate(PrivacySyncOptions options, string entityId, string language, IReadOnlyList<SystemResult>? results = null) =>
        DeletionCertificate.Create(
            "cert-req-2026-0007",
            Request("erasure", entityId, language),
            new LegalEntityDetails(entityId, "Nordvik", "NO", "Datatilsynet", "personvern@example.com"),
            results ?? ErasureResults(),
            "subject-ref",
            CompletedOn,
            Facts(options, entityId, language));

    public static string ErasureLetter(PrivacySyncOptions options, string entityId, string language, IReadOnlyList<SystemResult>? results = null) =>
        LetterHtml.Erasure(
            Certificate(options, entityId, language, results).Statement,
            Facts(options, entityId, language),
            new CertificateCheck("kid-0123", options.PublishedKeyUrl));

    /// <summary>The visible texts of an HTML document (between tags, decoded), one per element.</summary>
    public static IReadOnlySet<string> TextsOf(string html) =>
        TextNode().Matches(Regex.Replace(html, "<style>.*?</style>|<title>.*?</title>", string.Empty, RegexOptions.Singleline))
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim())
            .Where(t => t.Length > 0)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every date-looking string: ISO (2026-03-14), slashed (03/14/2026) or dotted (14.03.2026).</summary>
    public static IEnumerable<string> NumericDates(string text) => NumericDate().Matches(text).Select(m => m.Value);

    [GeneratedRegex(">([^<]+)<")]
    private static partial Regex TextNode();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{2}\.\d{2}\.\d{4}\b")]
    private static partial Regex NumericDate();
}
