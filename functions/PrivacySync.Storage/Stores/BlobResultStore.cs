using System.Runtime.CompilerServices;
using System.Text;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Newtonsoft.Json;
using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;

namespace PrivacySync.Storage.Stores;

/// <summary>
/// A system's exported records as one JSON Lines blob. Records are spooled to a temp file while the connector
/// streams them (memory stays flat whatever the count, and a connector failing half-way leaves no partial blob),
/// then uploaded in blocks.
/// </summary>
public sealed class BlobResultStore(StorageClients clients) : IResultStore
{
    /// <summary>Bigger spools go up as blocks of this size, two at a time: what an upload buffers stays bounded.</summary>
    public const int BlockSize = 4 * 1024 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly BlobContainerClient container = clients.Container(StoreNames.ResultsContainer);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public string RecordsName(string requestId, string systemId) => $"{requestId}/{systemId}/records.jsonl";

    public async Task<int> DeleteAllAsync(string requestId, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, requestId + "/", cancellationToken))
        {
            if ((await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken)).Value)
            {
                deleted++;
            }
        }

        return deleted;
    }

    public async Task<IReadOnlyList<CategoryOutcome>> WriteRecordsAsync(
        string requestId, string systemId, IAsyncEnumerable<ExportRecord> records, CancellationToken cancellationToken)
    {
        var categories = new List<CategoryOutcome>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var spool = Path.Combine(Path.GetTempPath(), $"privacysync-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            await using (var writer = new StreamWriter(file, Utf8))
            {
                await foreach (var record in records.WithCancellation(cancellationToken))
                {
                    await writer.WriteLineAsync(JsonConvert.SerializeObject(record, CoreJson.Settings).AsMemory(), cancellationToken);
                    if (index.TryGetValue(record.Category, out var at))
                    {
                        categories[at] = categories[at] with { RecordCount = categories[at].RecordCount + 1 };
                    }
                    else
                    {
                        index[record.Category] = categories.Count;
                        categories.Add(new CategoryOutcome(record.Category, OutcomeKind.Exported, 1, record.Purpose, record.LegalBasis));
                    }
                }
            }

            await using var upload = new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
            await container.GetBlobClient(RecordsName(requestId, systemId)).UploadAsync(upload, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
                TransferOptions = new StorageTransferOptions { InitialTransferSize = BlockSize, MaximumTransferSize = BlockSize, MaximumConcurrency = 2 },
            }, cancellationToken);
            return categories;
        }
        finally
        {
            File.Delete(spool);
        }
    }

    public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(
        string requestId, string systemId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var download = (await container.GetBlobClient(RecordsName(requestId, systemId)).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
        using var reader = new StreamReader(download.Content, Utf8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                yield return CoreJson.Deserialize<ExportRecord>(line);
            }
        }
    }
}
