namespace PrivacySync.Core.Audit;

/// <summary>
/// One link of a request's hash-chained audit trail. It never carries the subject's email or name: actors are
/// officer ids or <see cref="AuditActors.System"/>, details are codes and counts.
/// </summary>
public sealed record AuditEvent(
    string RequestId,
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Action,
    string? SystemId,
    string? Outcome,
    IReadOnlyDictionary<string, string>? Details,
    string PreviousHash,
    string Hash);
