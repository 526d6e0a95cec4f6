using System.Text;
using PrivacySync.Core.Common;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;

namespace PrivacySync.Storage.Stores;

/// <summary>
/// Requests in one table partition keyed by request id (ids sort by time, so a page is in submission order).
/// The document is stored whole in <c>Data</c>; status and entity are columns so listing can filter on them.
/// </summary>
public sealed class TableRequestStore(StorageAccount account) : IRequestStore
{
    private const string Partition = "request";
    private readonly StorageTable requests = account.GetTable(StoreNames.RequestsTable);
    private readonly StorageTable submissions = account.GetTable(StoreNames.SubmissionsTable);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await requests.CreateIfNotExistsAsync(cancellationToken);
        await submissions.CreateIfNotExistsAsync(cancellationToken);
    }

    public async Task<Versioned<DataSubjectRequest>?> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        var entity = await requests.GetAsync(Partition, requestId, cancellationToken);
        return entity is null ? null : new Versioned<DataSubjectRequest>(Read(entity), entity.ETag!);
    }

    public Task<bool> TryCreateAsync(DataSubjectRequest request, CancellationToken cancellationToken) =>
        requests.TryInsertAsync(ToEntity(request), cancellationToken);

    public Task<string?> TryReplaceAsync(DataSubjectRequest request, string etag, CancellationToken cancellationToken) =>
        requests.TryReplaceAsync(ToEntity(request), etag, cancellationToken);

    public async Task<RequestPage> ListAsync(RequestQuery query, CancellationToken cancellationToken)
    {
        var filter = new StringBuilder($"PartitionKey eq {StorageTable.Quote(Partition)}");
        if (query.Status is { } status)
        {
            filter.Append($" and Status eq {StorageTable.Quote(status.ToWire())}");
        }

        if (query.LegalEntityId is { } entityId)
        {
            filter.Append($" and LegalEntityId eq {StorageTable.Quote(entityId)}");
        }

        var page = await requests.QueryAsync(filter.ToString(), query.PageSize, query.ContinuationToken, cancellationToken);
        return new RequestPage(page.Items.Select(Read).ToList(), page.ContinuationToken);
    }

    public async Task<string> BindSubmissionAsync(string legalEntityId, string submissionId, string requestId, CancellationToken cancellationToken)
    {
        // Row keys cannot hold '/', '\', '#', '?': the submission id is hashed into the key.
        var entity = new TableEntity(legalEntityId, KeyHash.Of(submissionId)) { ["RequestId"] = requestId };
        if (await submissions.TryInsertAsync(entity, cancellationToken))
        {
            return requestId;
        }

        var existing = await submissions.GetAsync(entity.PartitionKey, entity.RowKey, cancellationToken);
        return existing?.GetString("RequestId") ?? throw new InvalidOperationException("The submission index row vanished while being read.");
    }

    private static TableEntity ToEntity(DataSubjectRequest request) => new(Partition, request.RequestId)
    {
        ["Data"] = CoreJson.Serialize(request),
        ["Status"] = request.Status.ToWire(),
        ["LegalEntityId"] = request.LegalEntityId,
        ["DueOn"] = request.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static DataSubjectRequest Read(TableEntity entity) =>
        CoreJson.Deserialize<DataSubjectRequest>(entity.GetString("Data") ?? throw new InvalidOperationException($"Request row {entity.RowKey} has no data."));
}
