using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using PrivacySync.Core.Persistence;

namespace PrivacySync.Storage.Stores;

/// <summary>
/// Export packages, certificates and confirmations under <c>{requestId}/{file}</c>, each tagged with its file name
/// (blob index tag <see cref="OutputTag"/>): a lifecycle rule can match only a name's start, so the storage account
/// finds export packages by this tag to delete them after the configured retention (infra/modules/storage.bicep).
/// </summary>
public sealed class BlobOutputStore(StorageClients clients) : IOutputStore
{
    public const string OutputTag = "privacysync-output";

    private readonly BlobContainerClient container = clients.Container(StoreNames.OutputsContainer);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task<string> SaveAsync(string requestId, string fileName, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var name = $"{requestId}/{fileName}";
        // Options without conditions overwrite: a repeated handler run rewrites the same document.
        await container.GetBlobClient(name).UploadAsync(content, Options(fileName, contentType, null), cancellationToken);
        return name;
    }

    public async Task<bool> TryCreateAsync(string requestId, string fileName, Stream content, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            // If-None-Match: * holds at commit, so of two uploads racing only the first to commit is kept.
            var conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
            await container.GetBlobClient($"{requestId}/{fileName}").UploadAsync(content, Options(fileName, contentType, conditions), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private static BlobUploadOptions Options(string fileName, string contentType, BlobRequestConditions? conditions) => new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        Tags = new Dictionary<string, string> { [OutputTag] = fileName },
        Conditions = conditions,
    };

    public async Task<OutputContent?> OpenAsync(string requestId, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            var download = (await container.GetBlobClient($"{requestId}/{fileName}").DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            return new OutputContent(download.Content, download.Details.ContentType ?? "application/octet-stream", download.Details.ContentLength);
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    public async Task<bool> DeleteAsync(string requestId, string fileName, CancellationToken cancellationToken) =>
        (await container.DeleteBlobIfExistsAsync($"{requestId}/{fileName}", cancellationToken: cancellationToken)).Value;
}
