using Azure.Data.Tables;
using PrivacySync.Core.Common;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Storage.Stores;

/// <summary>Tasks partitioned by request id, one row per system.</summary>
public sealed class TableTaskStore(StorageClients clients) : ITaskStore, PrivacySync.Core.Reconciliation.Reporting.ITaskActivity
{
    private readonly TableClient tasks = clients.Table(StoreNames.TasksTable);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await tasks.CreateIfNotExistsAsync(cancellationToken);

    public async Task<Versioned<SystemTask>?> GetAsync(string requestId, string systemId, CancellationToken cancellationToken)
    {
        var found = await tasks.GetEntityIfExistsAsync<TableEntity>(requestId, systemId, cancellationToken: cancellationToken);
        return found.HasValue ? new Versioned<SystemTask>(Read(found.Value!), found.Value!.ETag.ToString()) : null;
    }

    public async Task<IReadOnlyList<Versioned<SystemTask>>> ListAsync(string requestId, CancellationToken cancellationToken)
    {
        var list = new List<Versioned<SystemTask>>();
        await foreach (var entity in tasks.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {requestId}"), cancellationToken: cancellationToken))
        {
            list.Add(new Versioned<SystemTask>(Read(entity), entity.ETag.ToString()));
        }

        return list;
    }

    /// <summary>Every task changed at or after <paramref name="since"/> (any request), a page at a time.</summary>
    public async IAsyncEnumerable<IReadOnlyList<SystemTask>> ListChangedSinceAsync(
        DateTimeOffset since, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"UpdatedAt ge {since.UtcDateTime}");
        await foreach (var page in tasks.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages())
        {
            yield return page.Values.Select(Read).ToList();
        }
    }

    public Task<bool> TryCreateAsync(SystemTask task, CancellationToken cancellationToken) =>
        tasks.TryInsertAsync(ToEntity(task), cancellationToken);

    public Task<string?> TryReplaceAsync(SystemTask task, string etag, CancellationToken cancellationToken) =>
        tasks.TryReplaceAsync(ToEntity(task), etag, cancellationToken);

    private static TableEntity ToEntity(SystemTask task) => new(task.RequestId, task.SystemId)
    {
        ["Data"] = CoreJson.Serialize(task),
        ["Status"] = task.Status.ToWire(),
        // A column, so the nightly health report selects the last day's tasks on the server.
        ["UpdatedAt"] = task.UpdatedAt,
    };

    private static SystemTask Read(TableEntity entity) =>
        CoreJson.Deserialize<SystemTask>(entity.GetString("Data") ?? throw new InvalidOperationException($"Task row {entity.PartitionKey}/{entity.RowKey} has no data."));
}
