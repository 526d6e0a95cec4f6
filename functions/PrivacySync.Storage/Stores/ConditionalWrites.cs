using Azure;
using Azure.Data.Tables;

namespace PrivacySync.Storage.Stores;

/// <summary>The stores' conditional writes, with the expected refusals as values rather than exceptions.</summary>
internal static class ConditionalWrites
{
    /// <summary>Inserts the entity; false when a row with its keys already exists (409 EntityAlreadyExists).</summary>
    public static async Task<bool> TryInsertAsync(this TableClient table, ITableEntity entity, CancellationToken cancellationToken) =>
        await table.TryInsertForETagAsync(entity, cancellationToken) is not null;

    /// <summary>Inserts the entity; its ETag, or null when a row with its keys already exists (409 EntityAlreadyExists).</summary>
    public static async Task<string?> TryInsertForETagAsync(this TableClient table, ITableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken);
            return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service answered an insert without an ETag.");
        }
        catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode == "EntityAlreadyExists")
        {
            return null;
        }
    }

    /// <summary>Replaces the entity if it still has <paramref name="etag"/>; the new ETag, or null when someone changed it first (412).</summary>
    public static async Task<string?> TryReplaceAsync(this TableClient table, ITableEntity entity, string etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service answered an update without an ETag.");
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }

    /// <summary>True for the 404 of a missing blob, queue, table or entity.</summary>
    public static bool IsNotFound(this RequestFailedException e) => e.Status == 404;
}
