using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Functions.Teams;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// One example of every card, with values as long as real ones get (long entity and system names, a long reason),
/// so the rendering tests see what fits in 400 px. The form comes from the sample configuration in each language.
/// </summary>
internal static class CardGallery
{
    private static readonly RequestFacts Facts = new(
        "dsr-20261201-7f3a9c2e", "nordvik-no", "Nordvik Consulting AS", "erasure", "erasure (Art. 17)", "2026-11-28", "2026-12-28",
        "awaiting-approval", "https://privacysync-nordvik-no.azurewebsites.net/api/requests/dsr-20261201-7f3a9c2e", "S. B.");

    public static PrivacySyncOptions SampleConfiguration { get; } =
        PrivacySyncOptionsLoader.Parse(File.ReadAllText(RepositoryFiles.PathOf("functions/PrivacySync.Functions/config/privacysync.json"))).Options!;

    public static CardTemplates Templates { get; } = new(RepositoryFiles.PathOf("infra/teams/cards"));

    public static IReadOnlyList<string> Languages { get; } = ["en", "nb", "sv"];

    /// <summary>Gallery names: the card names, with the form once per language.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. CardNames.All.Where(c => c != CardNames.RequestForm), .. Languages.Select(l => $"{CardNames.RequestForm}.{l}")];

    public static CardData Data(string name) => name switch
    {
        CardNames.RequestReceived => new RequestReceivedCard(Facts with { Type = "access", TypeLabel = "access (Art. 15/20)", Status = "awaiting-verification" }, true, false),
        CardNames.VerificationMissing => new VerificationMissingCard(Facts with { Status = "awaiting-verification" }, "anna.berg",
        [
            new("BankID", "bankid"), new("Confirmation from the registered email address", "email-confirmation"), new("ID document", "id-document"),
        ]),
        CardNames.ErasureApproval => new ErasureApprovalCard(Facts, "anna.berg",
        [
            new("hubspot-nordvik", "HubSpot (Nordvik marketing CRM)"), new("microsoft365-nordvik", "Microsoft 365 (Nordvik mail, calendars and contacts)"),
            new("hr-db-no", "HR database (Nordvik Norway, on premises)"),
        ]),
        CardNames.RequestCompleted => new RequestCompletedCard(
            Facts with { Status = "completed-with-exceptions" }, "Erasure completed with exceptions: the deletion certificate is signed", "Warning",
            "2026-12-02", false, true, "Outcomes per system (as on the certificate)",
            [
                new("HubSpot (Nordvik marketing CRM)", "erased 14, retained 3", "Default"),
                new("HR database (Nordvik Norway, on premises)", "erased 2, retained 116, 3 categories not found", "Default"),
                new("Microsoft 365 (Nordvik mail, calendars and contacts)", "failed: Graph answered 403: the app lacks Mail.ReadWrite for this mailbox", "Attention"),
            ]),
        CardNames.SystemFailed => new SystemFailedCard(Facts with { Status = "collecting" }, "microsoft365-nordvik", "Microsoft 365 (Nordvik mail, calendars and contacts)", "6",
            "Graph answered 403 Forbidden for /users/{id}/messages: the application lacks the Mail.ReadWrite application permission (gave up after 6 attempts)",
            "Fix the cause named above (the system's credentials, permissions or availability). The request completes with this system listed as an exception."),
        CardNames.IdentityConflict => new IdentityConflictCard(Facts with { Status = "collecting" }, "hubspot-nordvik", "HubSpot (Nordvik marketing CRM)",
            "2 contacts match the subject's email and phone (contact ids 51234, 51877)"),
        CardNames.DeadlineAtRisk => new DeadlineCard(Facts with { Status = "collecting" }, false, "5 days left"),
        CardNames.DeadlineOverdue => new DeadlineCard(Facts with { Status = "awaiting-verification", DueOn = "2026-11-30" }, true, "2 days late"),
        CardNames.NightlySummary => new NightlySummaryCard("2026-12-01", "nordvik-no", "Nordvik Consulting AS", "2 overdue, 3 due within 7 days, 1 failed system",
            [new("Overdue", "2"), new("Due within 7 days", "3"), new("Waiting for verification or approval", "4"), new("Stalled", "0"), new("Failed systems", "1"), new("Poison messages", "0")],
            [new("dsr-20261101-1a2b3c4d", "overdue by 2 days, awaiting verification"), new("dsr-20261120-9f8e7d6c", "hubspot-nordvik failed: token expired")],
            "https://privacysync-nordvik-no.azurewebsites.net/api/reports/2026-12-01"),
        _ when name.StartsWith(CardNames.RequestForm + ".", StringComparison.Ordinal) =>
            RequestFormBuilder.Build(SampleConfiguration, WireNames.Parse<Language>(name[(CardNames.RequestForm.Length + 1)..]), Templates),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such card in the gallery"),
    };
}
