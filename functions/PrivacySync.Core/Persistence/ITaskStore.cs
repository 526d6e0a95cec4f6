using PrivacySync.Core.Tasks;

namespace PrivacySync.Core.Persistence;

/// <summary>Per-system tasks of a request; every change is conditional on the ETag read.</summary>
public interface ITaskStore
{
    Task<Versioned<SystemTask>?> GetAsync(string requestId, string systemId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Versioned<SystemTask>>> ListAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Stores a planned task; false when the task already exists (a redelivered dispatch).</summary>
    Task<bool> TryCreateAsync(SystemTask task, CancellationToken cancellationToken);

    /// <summary>Replaces the task if it still has <paramref name="etag"/>; null when someone else changed it first.</summary>
    Task<string?> TryReplaceAsync(SystemTask task, string etag, CancellationToken cancellationToken);
}
