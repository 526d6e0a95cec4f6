namespace PrivacySync.Core.Audit;

/// <summary>
/// What to record; <see cref="AuditChain.Append"/> adds sequence, time and MACs. <paramref name="OnceKey"/> makes the
/// append idempotent: a step that may run twice at once (a redelivered message beside the original, two collectors
/// after a crash) records its event under a key, and the log keeps at most one event per key and request. An entry of
/// a <see cref="PendingAuditEvent"/> is keyed by the pending event's id without saying so.
/// </summary>
public sealed record AuditEntry(
    string RequestId,
    string Actor,
    string Action,
    string? SystemId = null,
    string? Outcome = null,
    IReadOnlyDictionary<string, string>? Details = null,
    string? OnceKey = null)
{
    /// <summary>The key the log holds this entry once under, or null when every append is a new event.</summary>
    public string? IdempotencyKey =>
        OnceKey ?? (Details is { } details && details.TryGetValue(PendingAuditEvent.IntentDetail, out var intent) ? intent : null);
}
