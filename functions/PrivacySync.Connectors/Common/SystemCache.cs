using System.Collections.Concurrent;

namespace PrivacySync.Connectors.Common;

/// <summary>
/// One instance of something per configured system, built once and shared by every task (rate limiters, opened
/// databases, Graph clients). A failed build is forgotten, so the next task tries again; values are disposed with
/// the cache.
/// </summary>
internal sealed class SystemCache<T> : IDisposable
    where T : class
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> entries = new(StringComparer.Ordinal);

    /// <param name="create">Runs at most once at a time per system, not cancelled by one waiting caller giving up.</param>
    public async ValueTask<T> GetAsync(string systemId, Func<CancellationToken, Task<T>> create, CancellationToken cancellationToken)
    {
        var entry = entries.GetOrAdd(systemId, _ => new Lazy<Task<T>>(() => BuildAsync(create)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            entries.TryRemove(KeyValuePair.Create(systemId, entry));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var entry in entries.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.Result is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }

        entries.Clear();
    }

    // Async, so that a factory throwing before its first await still yields a faulted task (and is forgotten).
    private static async Task<T> BuildAsync(Func<CancellationToken, Task<T>> create) =>
        await create(CancellationToken.None).ConfigureAwait(false);
}
