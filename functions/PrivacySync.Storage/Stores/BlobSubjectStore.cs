using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;

namespace PrivacySync.Storage.Stores;

/// <summary>The subject's identifiers, one blob per request in their own container, deleted when the request's retention ends.</summary>
public sealed class BlobSubjectStore(StorageAccount account) : ISubjectStore
{
    private readonly BlobContainer container = account.GetBlobContainer(StoreNames.SubjectsContainer);

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => container.CreateIfNotExistsAsync(cancellationToken);

    public async Task SaveAsync(string requestId, SubjectIdentity subject, CancellationToken cancellationToken) =>
        await container.UploadTextAsync(Name(requestId), CoreJson.Serialize(subject), new BlobUploadOptions { ContentType = "application/json" }, cancellationToken);

    public async Task<SubjectIdentity?> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        try
        {
            return CoreJson.Deserialize<SubjectIdentity>(await container.DownloadTextAsync(Name(requestId), cancellationToken));
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(string requestId, CancellationToken cancellationToken) =>
        container.DeleteIfExistsAsync(Name(requestId), ct: cancellationToken);

    private static string Name(string requestId) => $"{requestId}/subject.json";
}
