using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;

namespace PrivacySync.Storage.Stores;

/// <summary>
/// The subject's identifiers (and the officer's notes), blobs per request in their own container, deleted when the
/// request's retention ends.
/// </summary>
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

    public async Task SaveNotesAsync(string requestId, string notes, CancellationToken cancellationToken) =>
        await container.UploadTextAsync(NotesName(requestId), notes, new BlobUploadOptions { ContentType = "text/plain; charset=utf-8" }, cancellationToken);

    public async Task<string?> GetNotesAsync(string requestId, CancellationToken cancellationToken)
    {
        try
        {
            return await container.DownloadTextAsync(NotesName(requestId), cancellationToken);
        }
        catch (StorageNotFoundException)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string requestId, CancellationToken cancellationToken)
    {
        await container.DeleteIfExistsAsync(NotesName(requestId), ct: cancellationToken);
        await container.DeleteIfExistsAsync(Name(requestId), ct: cancellationToken);
    }

    private static string Name(string requestId) => $"{requestId}/subject.json";

    private static string NotesName(string requestId) => $"{requestId}/notes.txt";
}
