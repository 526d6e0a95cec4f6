namespace PrivacySync.Core.Audit;

/// <summary>
/// The audit trail's store. One chain per request; events are numbered 1, 2, 3 … without gaps.
/// <para>
/// Appends must be safe when two handlers append to the same request at once, and must not read the whole chain.
/// The implementation keeps the chain's head (its last event) in a record of its own, builds the next event from it
/// with <see cref="AuditChain.Append"/>, and stores the event and the new head in one atomic write that holds only
/// if the head is unchanged; on a conflict it re-reads the head and tries again. Two appends can therefore never
/// share a sequence number or fork the chain.
/// </para>
/// </summary>
public interface IAuditLog
{
    /// <summary>
    /// Appends at the head of the request's chain and returns the stored event; for an entry with an
    /// <see cref="AuditEntry.IdempotencyKey"/> already appended, appends nothing and returns the event stored then.
    /// </summary>
    Task<AuditEvent> AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The request's events in sequence order (empty when none).</summary>
    Task<IReadOnlyList<AuditEvent>> ReadAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>The chain's last event (null when the request has none), read without reading the chain.</summary>
    Task<AuditEvent?> HeadAsync(string requestId, CancellationToken cancellationToken);
}
