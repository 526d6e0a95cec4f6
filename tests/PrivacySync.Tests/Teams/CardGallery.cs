using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Teams;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// One example of every card, with values as long as real ones get (long entity and system names, a long reason),
/// so the rendering tests see what fits in 400 px. The form comes from the sample configuration in each language.
/// </summary>
internal static class CardGallery
{
    private const string Id = "dsr-20261201-7f3a9c2e";
    private const string Hubspot = "HubSpot (Nordvik marketing CRM)";
    private const string Microsoft365 = "Microsoft 365 (Nordvik mail, calendars and contacts)";
    private const string HrDb = "HR database (Nordvik Norway, on premises)";
    private const string GraphReason =
        "Graph answered 403 Forbidden for /users/{id}/messages: the application lacks the Mail.ReadWrite application permission (gave up after 6 attempts)";
    private const string ConflictDetail = "2 contacts match the subject's email and phone (contact ids 51234, 51877)";

    private static readonly RequestFacts Facts = new(
        Id, "nordvik-no", "Nordvik Consulting AS", "erasure", "2026-11-28", "2026-12-28",
        "awaiting-approval", "https://privacysync-nordvik-no.azurewebsites.net/api/requests/" + Id, "S. B.");

    public static PrivacySyncOptions SampleConfiguration { get; } =
        PrivacySyncOptionsLoader.Parse(File.ReadAllText(RepositoryFiles.PathOf("functions/PrivacySync.Functions/config/privacysync.json"))).Options!;

    public static CardTemplates Templates { get; } = new(RepositoryFiles.PathOf("infra/teams/cards"));

    public static IReadOnlyList<string> Languages { get; } = ["en", "nb", "sv"];

    /// <summary>
    /// What the gallery's cards quote that reads the same in every language: ids, names, dates, the systems' own
    /// messages (a connector's error is the system's words, shown as such) and the verification method "BankID".
    /// </summary>
    public static IReadOnlyList<string> Quoted { get; } =
    [
        Id, "nordvik-no", "Nordvik Consulting AS", "S. B.", "anna.berg", Hubspot, Microsoft365, HrDb, "hubspot-nordvik", "microsoft365-nordvik", "hr-db-no",
        GraphReason, ConflictDetail, "dsr-20261101-1a2b3c4d", "dsr-20261120-9f8e7d6c", "BankID", "SSO",
    ];

    /// <summary>
    /// The request types the approval card is shown for besides erasure: every type that waits on a second officer, and
    /// one without approval words of its own (access), which reads the card's "other" words.
    /// </summary>
    public static IReadOnlyList<string> ApprovalTypes { get; } =
        [.. Enum.GetValues<RequestType>().Where(RequestLifecycle.ChangesData).Select(t => t.ToWire()).Where(t => t != "erasure"), "access"];

    /// <summary>
    /// Gallery names: every notification card and the form, each once per language ("request-received.nb"), and the
    /// approval card once more per <see cref="ApprovalTypes"/> ("erasure-approval~rectification.nb").
    /// </summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. CardNames.All
            .SelectMany(c => new[] { c }.Concat(c == CardNames.ErasureApproval ? ApprovalTypes.Select(t => $"{c}~{t}") : []))
            .SelectMany(c => Languages.Select(l => $"{c}.{l}")),
    ];

    /// <summary>The gallery's notification cards in Norwegian and Swedish.</summary>
    public static IReadOnlyList<string> ForeignNotifications { get; } =
        [.. Names.Where(n => !n.StartsWith(CardNames.RequestForm + ".", StringComparison.Ordinal) && !n.EndsWith(".en", StringComparison.Ordinal))];

    public static CardData Data(string name)
    {
        var dot = name.LastIndexOf('.');
        var (card, language) = (name[..dot], name[(dot + 1)..]);
        if (card == CardNames.RequestForm)
        {
            return RequestFormBuilder.Build(SampleConfiguration, WireNames.Parse<Language>(language), Templates);
        }

        var tilde = card.IndexOf('~', StringComparison.Ordinal);
        var notification = Notification(tilde < 0 ? card : card[..tilde]) with { Language = language };
        return tilde < 0 || notification is not RequestCard request
            ? notification
            : request with { Request = request.Request with { Type = card[(tilde + 1)..] } };
    }

    private static NotificationCard Notification(string card) => card switch
    {
        CardNames.RequestReceived => new RequestReceivedCard(Facts with { Type = "access", Status = "awaiting-verification" }, true, false),
        CardNames.VerificationMissing => new VerificationMissingCard(Facts with { Status = "awaiting-verification" }, "anna.berg",
            ["bankid", "email-confirmation", "employee-sso", "id-document", "in-person"]),
        CardNames.ErasureApproval => new ErasureApprovalCard(Facts, "anna.berg",
            [new("hubspot-nordvik", Hubspot), new("microsoft365-nordvik", Microsoft365), new("hr-db-no", HrDb)]),
        CardNames.RequestCompleted => new RequestCompletedCard(
            Facts with { Status = "completed-with-exceptions" }, true, "2026-12-02",
            [
                new(Hubspot, [new("erased", 14), new("retained", 3)], false, null, false),
                new(HrDb, [new("erased", 2), new("retained", 116), new("not-found", 3), new("manual-action-required", 1)], false, null, true),
                OutcomeLine.Failure(Microsoft365, GraphReason),
            ]),
        CardNames.SystemFailed => new SystemFailedCard(Facts with { Status = "collecting" }, "microsoft365-nordvik", Microsoft365, 6, GraphReason),
        CardNames.IdentityConflict => new IdentityConflictCard(Facts with { Status = "collecting", Subject = null }, "hubspot-nordvik", Hubspot, ConflictDetail),
        CardNames.DeadlineAtRisk => new DeadlineCard(Facts with { Status = "collecting" }, 5),
        CardNames.DeadlineOverdue => new DeadlineCard(Facts with { Status = "awaiting-verification", DueOn = "2026-11-30" }, -2),
        CardNames.NightlySummary => new NightlySummaryCard("2026-12-01", "nordvik-no", "Nordvik Consulting AS",
            new Dictionary<string, int> { ["overdue"] = 2, ["due-soon"] = 3, ["system-failed"] = 1, ["waiting-on-verification"] = 4 },
            [
                new("overdue", 2), new("dueSoon", 3), new("waiting", 4), new("identityDecision", 0), new("stalled", 0), new("failedSystems", 1),
                new("messages", 0), new("deferredErasures", 0), new("foundAgain", 0), new("repaired", 1),
            ],
            [new("dsr-20261101-1a2b3c4d", "overdue"), new("dsr-20261120-9f8e7d6c", "system-failed", "hubspot-nordvik")],
            "https://privacysync-nordvik-no.azurewebsites.net/api/reports/2026-12-01"),
        _ => throw new ArgumentOutOfRangeException(nameof(card), card, "no such card in the gallery"),
    };
}
