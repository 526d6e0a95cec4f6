using PrivacySync.Core.Persistence;

namespace PrivacySync.Storage.Stores;

/// <summary>Export packages, certificates and confirmations under <c>{requestId}/{file}</c>.</summary>
public sealed class BlobOutputStore(StorageAccount account) : IOutputStore
{
    private readonly BlobContainer container = account.GetBlobContainer(StoreNames.OutputsContainer);

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => container.CreateIfNotExistsAsync(cancellationToken);

    public async Task<string> SaveAsync(string requestId, string fileName, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var name = $"{requestId}/{fileName}";
        await container.UploadAsync(name, content, new BlobUploadOptions { ContentType = contentType }, cancellationToken);
        return name;
    }

    public async Task<OutputContent?> OpenAsync(string requestId, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.DownloadAsync($"{requestId}/{fileName}", cancellationToken);
            return new OutputContent(download.Content, download.ContentType ?? "application/octet-stream", download.Length);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }
}
