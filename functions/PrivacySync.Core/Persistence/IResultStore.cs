using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Persistence;

/// <summary>
/// Per-system results: the records a connector exported (streamed, JSON Lines) and the outcome document, so the
/// collector can assemble the package after every system has answered.
/// </summary>
public interface IResultStore
{
    /// <summary>
    /// Streams the records into the result blob and returns one <see cref="OutcomeKind.Exported"/> outcome per
    /// category, in first-seen order, with its record count and the purpose and legal basis the connector gave.
    /// </summary>
    Task<IReadOnlyList<CategoryOutcome>> WriteRecordsAsync(
        string requestId, string systemId, IAsyncEnumerable<ExportRecord> records, CancellationToken cancellationToken);

    IAsyncEnumerable<ExportRecord> ReadRecordsAsync(string requestId, string systemId, CancellationToken cancellationToken);

    /// <summary>Deletes every system's records of the request (minimisation); returns how many blobs were deleted.</summary>
    Task<int> DeleteAllAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>The blob name the records of a system are stored under.</summary>
    string RecordsName(string requestId, string systemId);
}
