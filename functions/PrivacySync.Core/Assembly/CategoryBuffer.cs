using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// Holds one category of one system while the system's stream is read: the records go to a temporary JSON Lines file
/// (deleted on close), so a category that reappears later in the stream simply continues its file, and the CSV can
/// be written in a second pass once the full set of field names is known. Only counts, field names and the first
/// few rows for the HTML summary stay in memory.
/// </summary>
internal sealed class CategoryBuffer : IAsyncDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly FileStream file;
    private readonly StreamWriter writer;
    private readonly HashSet<string> columnNames = new(StringComparer.Ordinal);
    private readonly List<string> columns = [];
    private readonly List<JObject> sample = [];
    private readonly int maxColumns;
    private readonly int maxSampleRows;

    private readonly DateOnly asOf;

    public CategoryBuffer(string name, string segment, string tempDirectory, int maxColumns, int maxSampleRows, DateOnly asOf)
    {
        this.asOf = asOf;
        Name = name;
        Segment = segment;
        this.maxColumns = maxColumns;
        this.maxSampleRows = maxSampleRows;
        var path = Path.Combine(tempDirectory, $"privacysync-export-{Guid.NewGuid():N}.jsonl");
        file = new FileStream(
            path,
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        writer = new StreamWriter(file, Utf8, bufferSize: 64 * 1024, leaveOpen: true);
    }

    public string Name { get; }

    public string Segment { get; }

    public long Count { get; private set; }

    /// <summary>Records whose <see cref="ExportRecord.RetainUntil"/> lies before the package's date.</summary>
    public long PastRetention { get; private set; }

    public DistinctText Purpose { get; } = new();

    public DistinctText LegalBasis { get; } = new();

    public DistinctText Source { get; } = new();

    public DistinctText Retention { get; } = new();

    /// <summary>Field names in order of first appearance, up to the column cap.</summary>
    public IReadOnlyList<string> Columns => columns;

    /// <summary>Whether some field names did not fit in the column cap (they go into the trailing JSON column).</summary>
    public bool HasOverflowFields { get; private set; }

    public IReadOnlyList<JObject> Sample => sample;

    public async Task AddAsync(ExportRecord record, CancellationToken cancellationToken)
    {
        Count++;
        if (record.RetainUntil is { } until && until < asOf)
        {
            PastRetention++;
        }
        Purpose.Add(record.Purpose);
        LegalBasis.Add(record.LegalBasis);
        Source.Add(record.Source);
        Retention.Add(record.Retention);

        foreach (var property in record.Fields.Properties())
        {
            if (columnNames.Contains(property.Name))
            {
                continue;
            }

            if (columns.Count < maxColumns)
            {
                columnNames.Add(property.Name);
                columns.Add(property.Name);
            }
            else
            {
                HasOverflowFields = true;
            }
        }

        if (sample.Count < maxSampleRows)
        {
            // A copy, in case the connector reuses its JObject for the next record.
            sample.Add((JObject)record.Fields.DeepClone());
        }

        // One compact JSON object per line; JSON escapes line breaks inside strings, so lines never split a record.
        await writer.WriteLineAsync(record.Fields.ToString(Formatting.None).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the buffered records back from the start, one compact JSON object per item.</summary>
    public async IAsyncEnumerable<string> ReadLinesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.Position = 0;
        using var reader = new StreamReader(file, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            yield return line;
        }

        file.Seek(0, SeekOrigin.End);
    }

    public async ValueTask DisposeAsync()
    {
        await writer.DisposeAsync().ConfigureAwait(false);
        await file.DisposeAsync().ConfigureAwait(false);
    }
}
