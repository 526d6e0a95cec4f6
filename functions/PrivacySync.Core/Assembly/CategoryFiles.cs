using System.Text;
using CsvHelper;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// Writes one buffered category as the two machine-readable files of the package.
/// JSON: an array of the records' field objects exactly as the connector sent them.
/// CSV: one column per field name (union over the whole category, in order of first appearance, known because the
/// CSV is written in a second pass over the buffer), plus a trailing JSON column holding any fields beyond the column
/// cap. Cells that a spreadsheet would run as formulas are escaped with a leading apostrophe; the JSON keeps the
/// exact values. A UTF-8 byte order mark lets spreadsheet programs read Nordic letters correctly.
/// </summary>
internal static class CategoryFiles
{
    private const string OverflowColumn = "other";

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    public static async Task WriteJsonAsync(CategoryBuffer buffer, Stream destination, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(destination, Utf8, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" }; // same bytes on every OS
        await using var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, CloseOutput = false };
        await json.WriteStartArrayAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var line in buffer.ReadLinesAsync(cancellationToken).ConfigureAwait(false))
        {
            // The line is a compact object this writer produced itself, so it is written through unchanged.
            await json.WriteRawValueAsync(line, cancellationToken).ConfigureAwait(false);
        }

        await json.WriteEndArrayAsync(cancellationToken).ConfigureAwait(false);
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteCsvAsync(CategoryBuffer buffer, Stream destination, CancellationToken cancellationToken)
    {
        var columns = buffer.Columns;
        var overflowColumn = buffer.HasOverflowFields || columns.Count == 0 ? UniqueOverflowName(columns) : null;
        var header = overflowColumn is null ? columns.ToArray() : [.. columns, overflowColumn];
        var known = new HashSet<string>(columns, StringComparer.Ordinal);

        await using var csv = CsvWriter.Create(destination, CsvOptions, leaveOpen: true);
        csv.WriteHeader(header); // a complete record: it ends its own line
        await foreach (var line in buffer.ReadLinesAsync(cancellationToken).ConfigureAwait(false))
        {
            var fields = WireFormat.ParseObject(line);
            foreach (var column in columns)
            {
                csv.WriteField(WireFormat.FieldText(fields[column]));
            }

            if (overflowColumn is not null)
            {
                var rest = new JObject(fields.Properties().Where(p => !known.Contains(p.Name)));
                csv.WriteField(rest.Count == 0 ? null : rest.ToString(Formatting.None));
            }

            await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
        }

        await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string UniqueOverflowName(IReadOnlyList<string> columns)
    {
        var name = OverflowColumn;
        while (columns.Contains(name, StringComparer.Ordinal))
        {
            name = "_" + name;
        }

        return name;
    }
}
