namespace PrivacySync.Core.Audit;

/// <summary>
/// The audit trail's store. One chain per request; events are numbered 1, 2, 3 … without gaps.
/// <para>
/// Appends must be safe when two handlers append to the same request at once. The intended implementation keys
/// each event by (<see cref="AuditEvent.RequestId"/>, <see cref="AuditKeys.RowKey"/> of its sequence), reads the
/// current head, builds the next event with <see cref="AuditChain.Append"/>, and inserts it only if that key is
/// absent; on a conflict it re-reads the head and tries again. Two appends can therefore never share a sequence
/// number or fork the chain.
/// </para>
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends at the head of the request's chain and returns the stored event.</summary>
    Task<AuditEvent> AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The request's events in sequence order (empty when none).</summary>
    Task<IReadOnlyList<AuditEvent>> ReadAsync(string requestId, CancellationToken cancellationToken);
}
