using System.IO.Compression;
using System.Runtime.CompilerServices;
using CsvHelper;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>Reads the Items*.csv files of an eDiscovery item report zip, one JSON object per row, header names as keys.</summary>
internal static class ItemReport
{
    public static async IAsyncEnumerable<JObject> RowsAsync(Stream zipStream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in zip.Entries)
        {
            if (!entry.Name.StartsWith("Items", StringComparison.OrdinalIgnoreCase) || !entry.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var csv = CsvReader.Create(entry.Open(), CsvReaderOptions.Default, false);
            await using (csv.ConfigureAwait(false))
            {
                var header = csv.Headers;
                while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var row = new JObject();
                    for (var i = 0; i < header.Count && i < csv.FieldCount; i++)
                    {
                        if (csv.GetString(i) is { Length: > 0 } value)
                        {
                            row[header[i]] = value;
                        }
                    }

                    yield return row;
                }
            }
        }
    }
}
