using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Core;
using Newtonsoft.Json.Linq;
using PrivacySync.Storage.Http;
using PrivacySync.Storage.Tables;

namespace PrivacySync.Storage;

/// <summary>
/// One table. Conditional writes (If-Match) are how handlers stay idempotent: a 412 is never retried and
/// surfaces as <see cref="StorageConditionNotMetException"/>.
/// </summary>
public sealed class StorageTable
{
    private const string ReadAccept = "application/json;odata=minimalmetadata";
    private const string WriteContentType = "application/json;odata=nometadata";
    private static readonly RequestMethod Merge = new("MERGE");
    private readonly StorageService _service;

    internal StorageTable(StorageService service, string name)
    {
        _service = service;
        Name = StorageNames.Table(name);
    }

    public string Name { get; }

    /// <summary>An OData string literal: single quotes doubled, e.g. <c>$"PartitionKey eq {Quote(pk)}"</c>.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
    }

    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "Tables");
        SetBody(message, TableJson.CreateTableBody(Name));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        var response = await _service.SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status is not (201 or 204) && !(response.Status == 409 && StorageErrors.ReadErrorCode(response) == "TableAlreadyExists"))
        {
            throw StorageErrors.FromResponse(Op("CreateTable"), response);
        }
    }

    /// <summary>Inserts a new entity and returns its ETag; an existing one gives <see cref="StorageAlreadyExistsException"/>.</summary>
    public async Task<string> InsertAsync(TableEntity entity, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Post, Name);
        SetBody(message, TableJson.Serialize(entity));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        return await WriteAsync(message, entity, Op("InsertEntity"), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces or merges the entity only if its stored ETag is <paramref name="ifMatch"/> ("*" for any version).
    /// A changed entity gives <see cref="StorageConditionNotMetException"/>, a missing one <see cref="StorageNotFoundException"/>.
    /// </summary>
    public async Task<string> UpdateAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var message = CreateMessage(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, EntityPath(entity.PartitionKey, entity.RowKey));
        SetBody(message, TableJson.Serialize(entity));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        return await WriteAsync(message, entity, Op(mode == TableUpdateMode.Merge ? "MergeEntity" : "UpdateEntity"), ct).ConfigureAwait(false);
    }

    /// <summary>Inserts, or replaces/merges whatever is stored, unconditionally.</summary>
    public async Task<string> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, EntityPath(entity.PartitionKey, entity.RowKey));
        SetBody(message, TableJson.Serialize(entity));
        return await WriteAsync(message, entity, Op(mode == TableUpdateMode.Merge ? "InsertOrMergeEntity" : "InsertOrReplaceEntity"), ct).ConfigureAwait(false);
    }

    /// <summary>The entity, or null when there is none.</summary>
    public async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        var response = await _service.SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status == 404 && StorageErrors.ReadErrorCode(response) is null or "ResourceNotFound")
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw StorageErrors.FromResponse(Op("GetEntity"), response);
        }

        var entity = TableJson.ReadEntity(TableJson.Parse(response.Content.ToString()));
        if (response.Headers.TryGetValue("ETag", out var etag))
        {
            entity.ETag = etag;
        }

        return entity;
    }

    /// <summary>One page of entities matching an OData <paramref name="filter"/> (null for all).</summary>
    public async Task<TablePage> QueryAsync(string? filter, int? maxPerPage = null, string? continuationToken = null, CancellationToken ct = default)
    {
        if (maxPerPage is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), "maxPerPage must be between 1 and 1000.");
        }

        var (nextPartition, nextRow) = ContinuationToken.Decode(continuationToken);
        using var message = CreateMessage(RequestMethod.Get, $"{Name}()",
            ("$filter", string.IsNullOrWhiteSpace(filter) ? null : filter),
            ("$top", maxPerPage?.ToString(CultureInfo.InvariantCulture)),
            ("NextPartitionKey", nextPartition),
            ("NextRowKey", nextRow));
        var response = await _service.SendExpectingAsync(message, Op("QueryEntities"), ct, ErrorContext.None, 200).ConfigureAwait(false);
        var json = TableJson.Parse(response.Content.ToString());
        var items = (json["value"] as JArray ?? [])
            .OfType<JObject>()
            .Select(TableJson.ReadEntity)
            .ToList();

        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPk);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRk);
        return new TablePage(items, ContinuationToken.Encode(nextPk, nextRk));
    }

    /// <summary>Every entity of one partition (optionally filtered further), following continuation tokens.</summary>
    public IAsyncEnumerable<TableEntity> QueryPartitionAsync(string partitionKey, string? filter = null, CancellationToken ct = default) =>
        QueryPartitionAsync(partitionKey, filter, maxPerPage: null, ct);

    /// <summary>As above, fetching at most <paramref name="maxPerPage"/> entities per request.</summary>
    public async IAsyncEnumerable<TableEntity> QueryPartitionAsync(string partitionKey, string? filter, int? maxPerPage, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        var combined = $"PartitionKey eq {Quote(partitionKey)}" + (string.IsNullOrWhiteSpace(filter) ? string.Empty : $" and ({filter})");
        string? token = null;
        do
        {
            var page = await QueryAsync(combined, maxPerPage, token, ct).ConfigureAwait(false);
            foreach (var entity in page.Items)
            {
                yield return entity;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>
    /// Deletes the entity if its ETag matches (default "*": any version). Deleting an entity that is already
    /// gone succeeds, so a repeated handler run is harmless; a changed one gives <see cref="StorageConditionNotMetException"/>.
    /// </summary>
    public async Task DeleteAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        var response = await _service.SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status == 204 || (response.Status == 404 && StorageErrors.ReadErrorCode(response) is null or "ResourceNotFound"))
        {
            return;
        }

        throw StorageErrors.FromResponse(Op("DeleteEntity"), response);
    }

    private HttpMessage CreateMessage(RequestMethod method, string path, params (string Name, string? Value)[] query)
    {
        var message = _service.CreateMessage(method, path, query);
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, ReadAccept);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private async Task<string> WriteAsync(HttpMessage message, TableEntity entity, string operation, CancellationToken ct)
    {
        var response = await _service.SendExpectingAsync(message, operation, ct, ErrorContext.None, 201, 204).ConfigureAwait(false);
        var etag = StorageService.RequiredHeader(response, "ETag", operation);
        entity.ETag = etag;
        return etag;
    }

    private static void SetBody(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, WriteContentType);
        message.Request.Content = RequestContent.Create(body);
    }

    /// <summary>Keys are OData literals inside the path: quotes doubled, then percent-encoded.</summary>
    private string EntityPath(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        return $"{Name}(PartitionKey='{Escape(partitionKey)}',RowKey='{Escape(rowKey)}')";

        static string Escape(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
    }

    private string Op(string operation) => $"Table.{operation} ({Name})";

    /// <summary>Opaque to callers: NextPartitionKey and NextRowKey, base64url-packed into one string.</summary>
    private static class ContinuationToken
    {
        public static string? Encode(string? nextPartitionKey, string? nextRowKey) =>
            string.IsNullOrEmpty(nextPartitionKey) && string.IsNullOrEmpty(nextRowKey)
                ? null
                : System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{nextPartitionKey}\n{nextRowKey}"));

        public static (string? PartitionKey, string? RowKey) Decode(string? token)
        {
            if (string.IsNullOrEmpty(token))
            {
                return (null, null);
            }

            string text;
            try
            {
                text = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token));
            }
            catch (FormatException e)
            {
                throw new ArgumentException("Not a continuation token from this table client.", nameof(token), e);
            }

            var split = text.Split('\n', 2);
            return split.Length == 2
                ? (NullIfEmpty(split[0]), NullIfEmpty(split[1]))
                : throw new ArgumentException("Not a continuation token from this table client.", nameof(token));
        }

        private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
    }
}
