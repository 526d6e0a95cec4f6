using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Core.Reconciliation.Retention;

/// <summary>
/// One category an erasure retained until a date, kept in PrivacySync's own state (not only in the certificate) so the
/// nightly reconciliation erases it once that date has passed. Written when the deletion certificate is issued; keys
/// only (the system's own record keys), never the subject's identifiers, so it outlives their purge.
/// </summary>
public sealed record DeferredErasure
{
    public required string RequestId { get; init; }

    public required string LegalEntityId { get; init; }

    public required string SystemId { get; init; }

    public required string Category { get; init; }

    /// <summary>The last day the records are kept; they are erased on the first night after it.</summary>
    public required DateOnly RetainedUntil { get; init; }

    public string? LegalBasis { get; init; }

    public long RecordCount { get; init; }

    public IReadOnlyList<string> Keys { get; init; } = [];

    public required DeferredErasureStatus Status { get; init; }

    public required DateTimeOffset ScheduledAt { get; init; }

    /// <summary>
    /// The night that took it on: set (with <see cref="Attempts"/>) before the connector is called — the intent — and kept
    /// by later attempts, so a rerun after a crash erases as of the same night and states the same addendum.
    /// </summary>
    public DateOnly? Night { get; init; }

    /// <summary>Connector calls begun for this row; above 1, an earlier call may have erased the records already.</summary>
    public int Attempts { get; init; }

    /// <summary>What the erasure did, recorded right after the connector answered (<see cref="DeferredErasureStatus.Erased"/>).</summary>
    public CategoryOutcome? Result { get; init; }

    /// <summary>The erasure's audit event, written with <see cref="Result"/> in one write and appended after (an outbox of one).</summary>
    public PendingAuditEvent? PendingEvent { get; init; }

    /// <summary>The signed addendum that states the erasure (set with <see cref="DeferredErasureStatus.Executed"/>).</summary>
    public string? AddendumId { get; init; }

    public OutcomeKind? Outcome { get; init; }

    public DateTimeOffset? ExecutedAt { get; init; }

    [JsonIgnore]
    public RetainedRecords Retained => new(Category, Keys, RetainedUntil, LegalBasis, RecordCount);

    /// <summary>The retained categories with an end date of an erasure's finished tasks, one row each.</summary>
    public static IReadOnlyList<DeferredErasure> FromTasks(string requestId, string legalEntityId, IEnumerable<SystemTask> tasks, DateTimeOffset now) =>
        tasks
            .Where(t => t.Status == SystemTaskStatus.Succeeded && t.Outcome is not null)
            .SelectMany(t => t.Outcome!.Categories
                .Where(c => c is { Kind: OutcomeKind.Retained, RetainedUntil: not null })
                .GroupBy(c => c.Category, StringComparer.Ordinal)
                .Select(g => new DeferredErasure
                {
                    RequestId = requestId,
                    LegalEntityId = legalEntityId,
                    SystemId = t.SystemId,
                    Category = g.Key,
                    RetainedUntil = g.Max(c => c.RetainedUntil!.Value),
                    LegalBasis = g.First().LegalBasis,
                    RecordCount = g.Sum(c => c.RecordCount),
                    Keys = g.SelectMany(c => c.RecordKeys ?? []).Distinct(StringComparer.Ordinal).ToList(),
                    Status = DeferredErasureStatus.Scheduled,
                    ScheduledAt = now,
                }))
            .ToList();
}

[JsonConverter(typeof(WireEnumConverter))]
public enum DeferredErasureStatus
{
    [EnumMember(Value = "scheduled")]
    Scheduled,

    /// <summary>The connector was called (or is being called); what it did is not recorded yet.</summary>
    [EnumMember(Value = "executing")]
    Executing,

    /// <summary>The connector's outcome and the audit event are recorded; the addendum is not written yet.</summary>
    [EnumMember(Value = "erased")]
    Erased,

    [EnumMember(Value = "executed")]
    Executed,
}
