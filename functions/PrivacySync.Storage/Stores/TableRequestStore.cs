using System.Buffers.Text;
using System.Text;
using Azure.Data.Tables;
using PrivacySync.Core.Common;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;

namespace PrivacySync.Storage.Stores;

/// <summary>
/// Requests in one table partition keyed by request id (ids sort by time, so a page is in submission order).
/// The document is stored whole in <c>Data</c>; status and entity are columns so listing can filter on them.
/// </summary>
public sealed class TableRequestStore(StorageClients clients) : IRequestStore
{
    private const string Partition = "request";
    private readonly TableClient requests = clients.Table(StoreNames.RequestsTable);
    private readonly TableClient submissions = clients.Table(StoreNames.SubmissionsTable);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await requests.CreateIfNotExistsAsync(cancellationToken);
        await submissions.CreateIfNotExistsAsync(cancellationToken);
    }

    public async Task<Versioned<DataSubjectRequest>?> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        var found = await requests.GetEntityIfExistsAsync<TableEntity>(Partition, requestId, cancellationToken: cancellationToken);
        return found.HasValue ? new Versioned<DataSubjectRequest>(Read(found.Value!), found.Value!.ETag.ToString()) : null;
    }

    public Task<bool> TryCreateAsync(DataSubjectRequest request, CancellationToken cancellationToken) =>
        requests.TryInsertAsync(ToEntity(request), cancellationToken);

    public Task<string?> TryReplaceAsync(DataSubjectRequest request, string etag, CancellationToken cancellationToken) =>
        requests.TryReplaceAsync(ToEntity(request), etag, cancellationToken);

    public async Task<RequestPage> ListAsync(RequestQuery query, CancellationToken cancellationToken)
    {
        // CreateQueryFilter quotes and escapes each interpolated value as an OData literal.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        if (query.Status is { } status)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {status.ToWire()}");
        }

        if (query.LegalEntityId is { } entityId)
        {
            filter += " and " + TableClient.CreateQueryFilter($"LegalEntityId eq {entityId}");
        }

        await foreach (var page in requests.QueryAsync<TableEntity>(filter, query.PageSize, cancellationToken: cancellationToken)
                           .AsPages(DecodeToken(query.ContinuationToken), query.PageSize))
        {
            return new RequestPage(page.Values.Select(Read).ToList(), EncodeToken(page.ContinuationToken));
        }

        return new RequestPage([], null);
    }

    // The SDK's token is "{NextPartitionKey} {NextRowKey}" (the service's encoded keys); callers get it opaque
    // (base64url), and one that does not decode to that shape is refused as the port documents (ArgumentException).
    private static string? EncodeToken(string? token) =>
        string.IsNullOrEmpty(token) ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    private static string? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.Split(' ') is [{ Length: > 0 }, _])
            {
                return text;
            }
        }
        catch (FormatException)
        {
            // Falls through to the refusal below.
        }

        throw new ArgumentException("Not a continuation token from this list.", nameof(token));
    }

    public async Task<string> BindSubmissionAsync(string legalEntityId, string submissionId, string requestId, CancellationToken cancellationToken)
    {
        // Row keys cannot hold '/', '\', '#', '?': the submission id is hashed into the key.
        var entity = new TableEntity(legalEntityId, KeyHash.Of(submissionId)) { ["RequestId"] = requestId };
        if (await submissions.TryInsertAsync(entity, cancellationToken))
        {
            return requestId;
        }

        var existing = await submissions.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
        return (existing.HasValue ? existing.Value!.GetString("RequestId") : null)
            ?? throw new InvalidOperationException("The submission index row vanished while being read.");
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
