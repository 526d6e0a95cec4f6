namespace PrivacySync.Storage.Stores;

/// <summary>The stores' conditional writes, with the expected refusals as values rather than exceptions.</summary>
internal static class ConditionalWrites
{
    /// <summary>Inserts the entity; false when a row with its keys already exists.</summary>
    public static async Task<bool> TryInsertAsync(this StorageTable table, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.InsertAsync(entity, cancellationToken);
            return true;
        }
        catch (StorageAlreadyExistsException)
        {
            return false;
        }
    }

    /// <summary>Replaces the entity if it still has <paramref name="etag"/>; the new ETag, or null when someone changed it first.</summary>
    public static async Task<string?> TryReplaceAsync(this StorageTable table, TableEntity entity, string etag, CancellationToken cancellationToken)
    {
        try
        {
            return await table.UpdateAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (StorageConditionNotMetException)
        {
            return null;
        }
    }
}
