using System.Globalization;
using Azure.Data.Tables;
using PrivacySync.Core.Common;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Storage.Stores;

namespace PrivacySync.Storage.Reconciliation;

/// <summary>Run records, one row per night (row key yyyy-MM-dd) in one partition.</summary>
public sealed class TableReconciliationRunStore(StorageClients clients) : IReconciliationRunStore
{
    private const string Partition = "run";
    private readonly TableClient runs = clients.Table(StoreNames.ReconciliationTable);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await runs.CreateIfNotExistsAsync(cancellationToken);

    public async Task<Versioned<ReconciliationRun>?> GetAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var found = await runs.GetEntityIfExistsAsync<TableEntity>(Partition, Key(date), cancellationToken: cancellationToken);
        return found.HasValue ? new Versioned<ReconciliationRun>(Read(found.Value!), found.Value!.ETag.ToString()) : null;
    }

    public Task<bool> TryCreateAsync(ReconciliationRun run, CancellationToken cancellationToken) =>
        runs.TryInsertAsync(ToEntity(run), cancellationToken);

    public Task<string?> TryReplaceAsync(ReconciliationRun run, string etag, CancellationToken cancellationToken) =>
        runs.TryReplaceAsync(ToEntity(run), etag, cancellationToken);

    private static string Key(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(ReconciliationRun run) => new(Partition, Key(run.Date))
    {
        ["Data"] = CoreJson.Serialize(run),
        ["Status"] = run.Status.ToWire(),
    };

    private static ReconciliationRun Read(TableEntity entity) =>
        CoreJson.Deserialize<ReconciliationRun>(entity.GetString("Data") ?? throw new InvalidOperationException($"Run row {entity.RowKey} has no data."));
}
