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
    public const string NightlySummary = "nightly-summary";

    public static IReadOnlyList<string> All { get; } =
    [
        RequestForm, RequestReceived, VerificationMissing, ErasureApproval, RequestCompleted, SystemFailed, IdentityConflict,
        DeadlineAtRisk, DeadlineOverdue, NightlySummary,
    ];

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

/// <summary>What every request card says: ids, entity, type and dates — the subject only as far as the entity allows.</summary>
public sealed record RequestFacts(
    string Id, string Entity, string EntityName, string Type, string TypeLabel, string ReceivedOn, string DueOn, string Status, string StatusUrl, string? Subject)
{
    public bool HasSubject => Subject is not null;
}

public sealed record Choice(string Title, string Value);

public sealed record SystemLine(string Id, string Name);

public sealed record OutcomeLine(string System, string Result, string Color);

public sealed record CountLine(string Title, string Value);

public sealed record AttentionLine(string RequestId, string Text);

public sealed record RequestReceivedCard(RequestFacts Request, bool NeedsVerification, bool NeedsApproval) : CardData
{
    public override string Card => CardNames.RequestReceived;
}

public sealed record VerificationMissingCard(RequestFacts Request, string SubmittedBy, IReadOnlyList<Choice> Methods) : CardData
{
    public override string Card => CardNames.VerificationMissing;
}

public sealed record ErasureApprovalCard(RequestFacts Request, string SubmittedBy, IReadOnlyList<SystemLine> Systems) : CardData
{
    public override string Card => CardNames.ErasureApproval;
}

public sealed record RequestCompletedCard(
    RequestFacts Request, string Headline, string HeadlineColor, string CompletedOn, bool IsExport, bool HasOutcomes, string OutcomesTitle,
    IReadOnlyList<OutcomeLine> Outcomes) : CardData
{
    public override string Card => CardNames.RequestCompleted;
}

public sealed record SystemFailedCard(RequestFacts Request, string System, string SystemName, string Attempts, string Reason, string WhatToDo) : CardData
{
    public override string Card => CardNames.SystemFailed;
}

public sealed record IdentityConflictCard(RequestFacts Request, string System, string SystemName, string Detail) : CardData
{
    public override string Card => CardNames.IdentityConflict;
}

/// <summary>Deadline within 7 days (at risk) or passed (overdue): one record, two templates.</summary>
public sealed record DeadlineCard(RequestFacts Request, bool Overdue, string DaysText) : CardData
{
    public override string Card => Overdue ? CardNames.DeadlineOverdue : CardNames.DeadlineAtRisk;
}

/// <summary>The nightly reconciliation's summary for one entity (posted by the nightly report through <see cref="TeamsNotifications"/>).</summary>
public sealed record NightlySummaryCard(
    string Date, string Entity, string EntityName, string Headline, IReadOnlyList<CountLine> Counts, IReadOnlyList<AttentionLine> Items, string ReportUrl) : CardData
{
    public override string Card => CardNames.NightlySummary;

    public bool HasItems => Items.Count > 0;
}

/// <summary>The request form in one language; its input ids are the fields of POST /api/requests.</summary>
public sealed record RequestFormCard(
    string Language, JObject Text, IReadOnlyList<Choice> RequestTypes, IReadOnlyList<Choice> Entities, IReadOnlyList<Choice> Languages,
    IReadOnlyList<Choice> Verifications) : CardData
{
    public override string Card => CardNames.RequestForm;
}
