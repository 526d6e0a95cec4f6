using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Persistence;

/// <summary>
/// Per-system results: the records a connector exported (streamed, JSON Lines) and the outcome document, so the
/// collector can assemble the package after every system has answered.
/// </summary>
public interface IResultStore
{
    /// <summary>Streams the records into the result blob and returns how many were written per category.</summary>
    Task<IReadOnlyDictionary<string, long>> WriteRecordsAsync(
        string requestId, string systemId, IAsyncEnumerable<ExportRecord> records, CancellationToken cancellationToken);

    IAsyncEnumerable<ExportRecord> ReadRecordsAsync(string requestId, string systemId, CancellationToken cancellationToken);

    /// <summary>The blob name the records of a system are stored under.</summary>
    string RecordsName(string requestId, string systemId);
}
