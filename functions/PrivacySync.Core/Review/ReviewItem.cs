using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Review;

/// <summary>
/// One text for an officer to review: the <see cref="ExportRecord.ReviewField"/> of one record. Its id is the system's
/// id and the record's position in that system's stored results, which do not change once the task has ended.
/// </summary>
public sealed record ReviewItem(string ItemId, string SystemId, ExportRecord Record)
{
    public string Text => Record.Fields.Value<string>(Record.ReviewField!) ?? "";

    public static string IdFor(string systemId, long position) => $"{systemId}.{position}";

    /// <summary>The system an item id names (system ids may hold dots; the position never does).</summary>
    public static string SystemOf(string itemId) => itemId[..Math.Max(0, itemId.LastIndexOf('.'))];
}
