using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace PrivacySync.Functions.Teams;

/// <summary>The cards, each one template file in infra/teams/cards (copied beside the app as teams/cards/&lt;name&gt;.json).</summary>
public static class CardNames
{
    public const string RequestForm = "request-form";
    public const string RequestReceived = "request-received";
    public const string VerificationMissing = "verification-missing";
    public const string ErasureApproval = "erasure-approval";
    public const string RequestCompleted = "request-completed";
    public const string SystemFailed = "system-failed";
    public const string IdentityConflict = "identity-conflict";
    public const string DeadlineAtRisk = "deadline-at-risk";
    public const string DeadlineOverdue = "deadline-overdue";
    // Spelled once, in storage, whose summary sink names it in the nightly message.
    public const string NightlySummary = PrivacySync.Storage.Reconciliation.TeamsSummaryQueue.CardName;

    public static IReadOnlyList<string> All { get; } =
    [
        RequestForm, RequestReceived, VerificationMissing, ErasureApproval, RequestCompleted, SystemFailed, IdentityConflict,
        DeadlineAtRisk, DeadlineOverdue, NightlySummary,
    ];

    /// <summary>The notification cards: one template each, their texts per language in notifications.text.json.</summary>
    public static IReadOnlyList<string> Notifications { get; } = [.. All.Where(c => c != RequestForm)];

    /// <summary>Cards the approval flow posts and waits on (their Action.Submit answers become decisions).</summary>
    public static IReadOnlyList<string> AwaitingResponse { get; } = [VerificationMissing, ErasureApproval];
}

/// <summary>The data of one card: its template's name and the typed values the template binds.</summary>
public abstract record CardData
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        NullValueHandling = NullValueHandling.Ignore,
    });

    [JsonIgnore]
    public abstract string Card { get; }

    /// <summary>The data as the template sees it (camelCase, as adaptivecards-templating would be given it).</summary>
    public JObject ToJson() => JObject.FromObject(this, Serializer);
}

/// <summary>
/// A notification card: typed values (ids, dates, wire names, counts) and the language its words are in. The words
/// come from the card's section of notifications.text.json (<see cref="CardTexts"/>): <see cref="Words"/> names the
/// values its sentences may quote, <see cref="Localize"/> puts the language's labels beside the values.
/// </summary>
public abstract record NotificationCard : CardData
{
    /// <summary>"nb", "sv" or "en": the request's language, or the entity's for the nightly summary.</summary>
    public string Language { get; init; } = "en";

    /// <summary>The values the card's sentences may quote, by placeholder name ({id}, {entity}, …).</summary>
    public abstract IReadOnlyDictionary<string, string> Words(CardText text);

    /// <summary>Adds what the template shows in words beside the typed values (labels of wire names, composed lines).</summary>
    public virtual void Localize(JObject data, CardText text)
    {
    }
}

/// <summary>What every request card says: ids, entity, type and dates — the subject only as far as the entity allows.</summary>
public sealed record RequestFacts(
    string Id, string Entity, string EntityName, string Type, string ReceivedOn, string DueOn, string Status, string StatusUrl, string? Subject)
{
    public bool HasSubject => Subject is not null;
}

/// <summary>A notification about one request: the facts, with their type and status in words.</summary>
public abstract record RequestCard(RequestFacts Request) : NotificationCard
{
    public override IReadOnlyDictionary<string, string> Words(CardText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = Request.Id,
            ["entity"] = Request.EntityName,
            ["type"] = text.RequestType(Request.Type),
            ["status"] = text.Status(Request.Status),
            ["due"] = Request.DueOn,
            ["received"] = Request.ReceivedOn,
        };
        foreach (var (key, value) in MoreWords(text))
        {
            words[key] = value;
        }

        return words;
    }

    public override void Localize(JObject data, CardText text)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(text);
        var request = (JObject)data["request"]!;
        request["typeLabel"] = text.RequestType(Request.Type);
        request["statusLabel"] = text.Status(Request.Status);
    }

    protected virtual IEnumerable<KeyValuePair<string, string>> MoreWords(CardText text) => [];
}

public sealed record Choice(string Title, string Value);

public sealed record SystemLine(string Id, string Name);

/// <summary>What one system did: records per outcome kind (wire names), or why it failed (the system's own message).</summary>
public sealed record OutcomeLine(string System, IReadOnlyList<OutcomeCount> Counts, bool Failed, string? FailureReason, bool NeedsAttention)
{
    public static OutcomeLine Failure(string system, string? reason) => new(system, [], true, reason, true);
}

/// <summary>Records of one outcome kind; for not-found, the number of categories.</summary>
public sealed record OutcomeCount(string Kind, long Count);

/// <summary>One count line of the nightly summary: its text key (counts section) and the number.</summary>
public sealed record CountLine(string Key, int Value);

/// <summary>A request that needs attention tonight: the finding's kind (wire name) and the system, if one.</summary>
public sealed record AttentionLine(string RequestId, string Kind, string? SystemId = null);

public sealed record RequestReceivedCard(RequestFacts Request, bool NeedsVerification, bool NeedsApproval) : RequestCard(Request)
{
    public override string Card => CardNames.RequestReceived;
}

/// <param name="Methods">Verification methods (wire names); their titles are the form's.</param>
public sealed record VerificationMissingCard(RequestFacts Request, string SubmittedBy, IReadOnlyList<string> Methods) : RequestCard(Request)
{
    public override string Card => CardNames.VerificationMissing;

    public override void Localize(JObject data, CardText text)
    {
        base.Localize(data, text);
        data["methods"] = JArray.FromObject(Methods.Select(m => new JObject { ["title"] = text.VerificationMethod(m), ["value"] = m }));
    }
}

/// <summary>
/// A request that changes the subject's data (erasure, rectification, …) waits for the second officer. Its title, intro
/// and approve button are the request type's (the card's <c>byType</c> words), or the <c>other</c> words naming the type
/// as the form does: a type that comes to wait on approval needs only its words, not a card of its own.
/// </summary>
public sealed record ErasureApprovalCard(RequestFacts Request, string SubmittedBy, IReadOnlyList<SystemLine> Systems) : RequestCard(Request)
{
    public override string Card => CardNames.ErasureApproval;

    protected override IEnumerable<KeyValuePair<string, string>> MoreWords(CardText text) => [new("submittedBy", SubmittedBy)];

    public override void Localize(JObject data, CardText text)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(text);
        base.Localize(data, text);
        var words = Words(text);
        string Sentence(string key) => CardText.Fill(text.Find(Card, "byType", Request.Type, key) ?? text.Get(Card, "byType", "other", key), words);
        data["approval"] = new JObject { ["title"] = Sentence("title"), ["intro"] = Sentence("intro"), ["approve"] = Sentence("approve") };
    }
}

public sealed record RequestCompletedCard(RequestFacts Request, bool WithExceptions, string CompletedOn, IReadOnlyList<OutcomeLine> Outcomes) : RequestCard(Request)
{
    public override string Card => CardNames.RequestCompleted;

    public bool IsExport => Request.Type == "access";

    public bool HasOutcomes => Outcomes.Count > 0;

    public override void Localize(JObject data, CardText text)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(text);
        base.Localize(data, text);
        var words = Words(text);
        var headline = text.Find(Card, "headlines", WithExceptions ? Request.Type + ".exceptions" : Request.Type)
            ?? text.Get(Card, "headlines", WithExceptions ? "other.exceptions" : "other");
        data["headline"] = CardText.Fill(headline, words);
        data["headlineColor"] = WithExceptions ? "Warning" : "Good";
        data["outcomesTitle"] = text.Get(Card, Request.Type == "erasure" ? "outcomesCertificate" : "outcomes");
        data["outcomes"] = new JArray(Outcomes.Select(o => new JObject
        {
            ["system"] = o.System,
            ["result"] = text.Outcome(o),
            ["color"] = o.Failed ? "Attention" : o.NeedsAttention ? "Warning" : "Default",
        }));
    }
}

/// <param name="Reason">The task's last error (the system's or connector's own message), null when none was recorded.</param>
public sealed record SystemFailedCard(RequestFacts Request, string System, string SystemName, int Attempts, string? Reason) : RequestCard(Request)
{
    public override string Card => CardNames.SystemFailed;

    protected override IEnumerable<KeyValuePair<string, string>> MoreWords(CardText text) => [new("system", SystemName)];

    public override void Localize(JObject data, CardText text)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(text);
        base.Localize(data, text);
        data["reason"] = Reason ?? text.Get(Card, "noReason");
    }
}

/// <param name="Detail">What the connector found (record references and identifier names only), null when none was recorded.</param>
public sealed record IdentityConflictCard(RequestFacts Request, string System, string SystemName, string? Detail) : RequestCard(Request)
{
    public override string Card => CardNames.IdentityConflict;

    protected override IEnumerable<KeyValuePair<string, string>> MoreWords(CardText text) => [new("system", SystemName)];

    public override void Localize(JObject data, CardText text)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(text);
        base.Localize(data, text);
        data["detail"] = Detail ?? text.Get(Card, "noDetail");
    }
}

/// <summary>Deadline within 7 days (at risk) or passed (overdue): one record, two templates.</summary>
/// <param name="Days">Days left until the due date; negative when past it.</param>
public sealed record DeadlineCard(RequestFacts Request, int Days) : RequestCard(Request)
{
    public override string Card => Overdue ? CardNames.DeadlineOverdue : CardNames.DeadlineAtRisk;

    public bool Overdue => Days < 0;

    protected override IEnumerable<KeyValuePair<string, string>> MoreWords(CardText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [new("days", text.Days(Days))];
    }
}

/// <summary>The nightly reconciliation's summary for one entity (posted by the nightly report through <see cref="TeamsNotifications"/>).</summary>
/// <param name="Kinds">The night's findings per kind (wire name → count), for the headline.</param>
public sealed record NightlySummaryCard(
    string Date, string Entity, string EntityName, IReadOnlyDictionary<string, int> Kinds, IReadOnlyList<CountLine> Counts, IReadOnlyList<AttentionLine> Items,
    string ReportUrl) : NotificationCard
{
    public override string Card => CardNames.NightlySummary;

    public bool HasItems => Items.Count > 0;

    public override IReadOnlyDictionary<string, string> Words(CardText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var headline = Kinds.Count == 0
            ? text.Get(Card, "nothing")
            : string.Join(", ", Kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} {text.Finding(k.Key)}"));
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["date"] = Date, ["entity"] = EntityName, ["headline"] = headline };
    }

    public override void Localize(JObject data, CardText text)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(text);
        data["counts"] = new JArray(Counts.Select(c => new JObject
        {
            ["title"] = text.Section("counts", c.Key),
            ["value"] = c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        data["items"] = new JArray(Items.Select(i => new JObject
        {
            ["requestId"] = i.RequestId,
            ["text"] = i.SystemId is null ? text.Finding(i.Kind) : $"{text.Finding(i.Kind)} ({i.SystemId})",
        }));
        data.Remove("kinds");
    }
}

/// <summary>The request form in one language; its input ids are the fields of POST /api/requests.</summary>
public sealed record RequestFormCard(
    string Language, JObject Text, IReadOnlyList<Choice> RequestTypes, IReadOnlyList<Choice> Entities, IReadOnlyList<Choice> Languages,
    IReadOnlyList<Choice> Verifications, IReadOnlyList<Choice> RestrictionGrounds) : CardData
{
    public override string Card => CardNames.RequestForm;
}
