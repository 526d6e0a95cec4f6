using Azure.Data.Tables;
using PrivacySync.Core.Persistence;

namespace PrivacySync.Storage.Stores;

/// <summary>
/// The restriction index: partition = legal entity, row = a hash of the subject key and the request id, so one subject
/// may have several restriction requests; a subject's rows are found by a filter on the SubjectKey column within the
/// entity's partition. Keys are keyed pseudonyms, never an address.
/// </summary>
public sealed class TableRestrictionRegister(StorageClients clients) : IRestrictionRegister
{
    private readonly TableClient table = clients.Table(StoreNames.RestrictionsTable);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await table.CreateIfNotExistsAsync(cancellationToken);

    public async Task RecordAsync(string legalEntityId, IReadOnlyList<string> subjectKeys, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjectKeys);
        foreach (var key in subjectKeys.Distinct(StringComparer.Ordinal))
        {
            await table.UpsertEntityAsync(
                new TableEntity(legalEntityId, KeyHash.Of(key + "\n" + requestId)) { ["SubjectKey"] = key, ["RequestId"] = requestId },
                TableUpdateMode.Replace,
                cancellationToken);
        }
    }

    public async Task<IReadOnlyList<string>> FindAsync(string legalEntityId, IReadOnlyList<string> subjectKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjectKeys);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in subjectKeys.Distinct(StringComparer.Ordinal))
        {
            // CreateQueryFilter quotes each value as an OData literal: a key never changes the query.
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {legalEntityId} and SubjectKey eq {key}");
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RequestId"], cancellationToken: cancellationToken))
            {
                if (entity.GetString("RequestId") is { } id) found.Add(id);
            }
        }

        return [.. found];
    }
}
