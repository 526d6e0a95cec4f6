using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using PrivacySync.Core.Common;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation.Retention;
using PrivacySync.Storage.Stores;

namespace PrivacySync.Storage.Reconciliation;

/// <summary>
/// Deferred erasures partitioned by the last retained day (yyyy-MM-dd), so a night reads only the partitions before it
/// (a range over partition keys, paged); one row per request, system and category (row key: a hash of the three).
/// </summary>
public sealed class TableDeferredErasureStore(StorageClients clients) : IDeferredErasureStore
{
    private readonly TableClient table = clients.Table(StoreNames.DeferredErasuresTable);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await table.CreateIfNotExistsAsync(cancellationToken);

    public async Task ScheduleAsync(IReadOnlyList<DeferredErasure> rows, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            await table.TryInsertAsync(ToEntity(row), cancellationToken); // an existing row keeps its state
        }
    }

    public async IAsyncEnumerable<IReadOnlyList<Versioned<DeferredErasure>>> ListDueAsync(
        DateOnly asOf, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {Key(asOf)} and Status ne {DeferredErasureStatus.Executed.ToWire()}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
            {
                yield return page.Values.Select(e => new Versioned<DeferredErasure>(Read(e), e.ETag.ToString())).ToList();
            }
        }
    }

    public async Task<IReadOnlyList<Versioned<DeferredErasure>>> ListForRequestAsync(string requestId, CancellationToken cancellationToken)
    {
        var list = new List<Versioned<DeferredErasure>>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RequestId eq {requestId}"), cancellationToken: cancellationToken))
        {
            list.Add(new Versioned<DeferredErasure>(Read(entity), entity.ETag.ToString()));
        }

        return list;
    }

    public Task<string?> TryReplaceAsync(DeferredErasure row, string etag, CancellationToken cancellationToken) =>
        table.TryReplaceAsync(ToEntity(row), etag, cancellationToken);

    private static string Key(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(DeferredErasure row) =>
        new(Key(row.RetainedUntil), KeyHash.Of(row.RequestId + "\n" + row.SystemId + "\n" + row.Category))
        {
            ["Data"] = CoreJson.Serialize(row),
            ["Status"] = row.Status.ToWire(),
            ["RequestId"] = row.RequestId,
        };

    private static DeferredErasure Read(TableEntity entity) =>
        CoreJson.Deserialize<DeferredErasure>(entity.GetString("Data") ?? throw new InvalidOperationException($"Deferred erasure row {entity.PartitionKey}/{entity.RowKey} has no data."));
}
