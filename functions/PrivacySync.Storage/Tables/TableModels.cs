namespace PrivacySync.Storage;

public enum TableUpdateMode
{
    /// <summary>PUT: the stored entity becomes exactly this one.</summary>
    Replace,

    /// <summary>MERGE: the given properties are set, others are kept.</summary>
    Merge,
}

/// <summary>One page of a query; pass <see cref="ContinuationToken"/> back for the next, null when done.</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, string? ContinuationToken);
