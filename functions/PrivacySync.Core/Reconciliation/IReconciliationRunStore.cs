using PrivacySync.Core.Persistence;

namespace PrivacySync.Core.Reconciliation;

/// <summary>One record per reconciled night, so a second run for the same date changes nothing.</summary>
public interface IReconciliationRunStore
{
    Task<Versioned<ReconciliationRun>?> GetAsync(DateOnly date, CancellationToken cancellationToken);

    /// <summary>Stores a new run record; false when one for that date already exists.</summary>
    Task<bool> TryCreateAsync(ReconciliationRun run, CancellationToken cancellationToken);

    /// <summary>Replaces the record if it still has <paramref name="etag"/>; null when another run changed it first.</summary>
    Task<string?> TryReplaceAsync(ReconciliationRun run, string etag, CancellationToken cancellationToken);
}
