using PrivacySync.Core.Common;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Storage.Stores;

/// <summary>Tasks partitioned by request id, one row per system.</summary>
public sealed class TableTaskStore(StorageAccount account) : ITaskStore
{
    private readonly StorageTable tasks = account.GetTable(StoreNames.TasksTable);

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => tasks.CreateIfNotExistsAsync(cancellationToken);

    public async Task<Versioned<SystemTask>?> GetAsync(string requestId, string systemId, CancellationToken cancellationToken)
    {
        var entity = await tasks.GetAsync(requestId, systemId, cancellationToken);
        return entity is null ? null : new Versioned<SystemTask>(Read(entity), entity.ETag!);
    }

    public async Task<IReadOnlyList<Versioned<SystemTask>>> ListAsync(string requestId, CancellationToken cancellationToken)
    {
        var list = new List<Versioned<SystemTask>>();
        await foreach (var entity in tasks.QueryPartitionAsync(requestId, null, cancellationToken))
        {
            list.Add(new Versioned<SystemTask>(Read(entity), entity.ETag!));
        }

        return list;
    }

    public Task<bool> TryCreateAsync(SystemTask task, CancellationToken cancellationToken) =>
        tasks.TryInsertAsync(ToEntity(task), cancellationToken);

    public Task<string?> TryReplaceAsync(SystemTask task, string etag, CancellationToken cancellationToken) =>
        tasks.TryReplaceAsync(ToEntity(task), etag, cancellationToken);

    private static TableEntity ToEntity(SystemTask task) => new(task.RequestId, task.SystemId)
    {
        ["Data"] = CoreJson.Serialize(task),
        ["Status"] = task.Status.ToWire(),
    };

    private static SystemTask Read(TableEntity entity) =>
        CoreJson.Deserialize<SystemTask>(entity.GetString("Data") ?? throw new InvalidOperationException($"Task row {entity.PartitionKey}/{entity.RowKey} has no data."));
}
