namespace PrivacySync.Core.Connectors;

/// <summary>
/// Optional addition to <see cref="IConnector"/> for systems that deduplicate erasures by key (e.g. the HR REST
/// contract's Idempotency-Key). The task runner prefers this overload and passes one key per task
/// (<c>{requestId}/{systemId}</c>), so a retried or redelivered task never erases twice.
/// </summary>
public interface IIdempotentEraser
{
    Task<SystemOutcome> EraseAsync(SubjectIdentity subject, string idempotencyKey, CancellationToken cancellationToken);
}
