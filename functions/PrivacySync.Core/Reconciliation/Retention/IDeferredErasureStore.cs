using PrivacySync.Core.Persistence;

namespace PrivacySync.Core.Reconciliation.Retention;

/// <summary>The deferred erasures of every request, found by the date their retention ends.</summary>
public interface IDeferredErasureStore
{
    /// <summary>Records the rows that do not exist yet; an existing row (a re-issued certificate) is left as it is.</summary>
    Task ScheduleAsync(IReadOnlyList<DeferredErasure> rows, CancellationToken cancellationToken);

    /// <summary>Rows not yet executed whose retention ended before <paramref name="asOf"/>, a page at a time.</summary>
    IAsyncEnumerable<IReadOnlyList<Versioned<DeferredErasure>>> ListDueAsync(DateOnly asOf, int pageSize, CancellationToken cancellationToken);

    /// <summary>Every row of one request (any status).</summary>
    Task<IReadOnlyList<Versioned<DeferredErasure>>> ListForRequestAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Replaces the row if it still has <paramref name="etag"/>; null when another run changed it first.</summary>
    Task<string?> TryReplaceAsync(DeferredErasure row, string etag, CancellationToken cancellationToken);
}
