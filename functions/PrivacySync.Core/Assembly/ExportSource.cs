using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// One system's contribution to an export package: its result and its record stream (read once, in order).
/// The stream of a failed system is not read: a partial copy would look complete to the subject.
/// </summary>
public sealed record ExportSource(SystemResult Result, IAsyncEnumerable<ExportRecord> Records)
{
    public static ExportSource Failed(SystemResult result) => new(result, AsyncEnumerable.Empty<ExportRecord>());
}
