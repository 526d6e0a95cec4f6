using Azure;
using Azure.Data.Tables;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Storage.Stores;

/// <summary>
/// Quota leases in a table: partition = account, one row per instance holding its lease's end. An instance writes only
/// its own row (an upsert, no contention); a lease found long expired is deleted under its ETag, so a row its instance
/// renewed meanwhile stays. Two storage calls per renewal.
/// </summary>
public sealed class TableQuotaShares(StorageClients clients, TimeProvider time) : IQuotaShares
{
    /// <summary>Expired leases older than this are cleaned up by whoever reads them (their instances are gone).</summary>
    private static readonly TimeSpan CleanUpAfter = TimeSpan.FromMinutes(1);

    private readonly TableClient leases = clients.Table(StoreNames.QuotaSharesTable);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await leases.CreateIfNotExistsAsync(cancellationToken);

    public async Task<int> RenewAsync(string account, string instanceId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var partition = KeyHash.Of(account);
        await leases.UpsertEntityAsync(new TableEntity(partition, instanceId) { ["Until"] = until }, TableUpdateMode.Replace, cancellationToken);
        var now = time.GetUtcNow();
        var live = 0;
        await foreach (var lease in leases.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            var end = lease.GetDateTimeOffset("Until");
            if (end > now || lease.RowKey == instanceId)
            {
                live++;
            }
            else if (end is null || end < now - CleanUpAfter)
            {
                await DeleteStaleAsync(lease, cancellationToken);
            }
        }

        return live;
    }

    private async Task DeleteStaleAsync(TableEntity lease, CancellationToken cancellationToken)
    {
        try
        {
            await leases.DeleteEntityAsync(lease.PartitionKey, lease.RowKey, lease.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Already gone, or renewed since it was read: either way nothing to clean.
        }
    }
}
