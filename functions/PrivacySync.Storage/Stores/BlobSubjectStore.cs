using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;

namespace PrivacySync.Storage.Stores;

/// <summary>
/// The subject's identifiers (and the officer's notes, a rectification's corrections), blobs per request in their own container, deleted when the
/// request's retention ends.
/// </summary>
public sealed class BlobSubjectStore(StorageClients clients) : ISubjectStore
{
    private readonly BlobContainerClient container = clients.Container(StoreNames.SubjectsContainer);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) => await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public Task SaveAsync(string requestId, SubjectIdentity subject, CancellationToken cancellationToken) =>
        UploadAsync(Name(requestId), CoreJson.Serialize(subject), "application/json", cancellationToken);

    public async Task<SubjectIdentity?> GetAsync(string requestId, CancellationToken cancellationToken) =>
        await DownloadAsync(Name(requestId), cancellationToken) is { } json ? CoreJson.Deserialize<SubjectIdentity>(json) : null;

    public Task SaveNotesAsync(string requestId, string notes, CancellationToken cancellationToken) =>
        UploadAsync(NotesName(requestId), notes, "text/plain; charset=utf-8", cancellationToken);

    public Task<string?> GetNotesAsync(string requestId, CancellationToken cancellationToken) => DownloadAsync(NotesName(requestId), cancellationToken);

    public Task SaveCorrectionsAsync(string requestId, IReadOnlyList<FieldCorrection> corrections, CancellationToken cancellationToken) =>
        UploadAsync(CorrectionsName(requestId), CoreJson.Serialize(corrections), "application/json", cancellationToken);

    public async Task<IReadOnlyList<FieldCorrection>?> GetCorrectionsAsync(string requestId, CancellationToken cancellationToken) =>
        await DownloadAsync(CorrectionsName(requestId), cancellationToken) is { } json ? CoreJson.Deserialize<List<FieldCorrection>>(json) : null;

    public async Task DeleteAsync(string requestId, CancellationToken cancellationToken)
    {
        await container.DeleteBlobIfExistsAsync(CorrectionsName(requestId), cancellationToken: cancellationToken);
        await container.DeleteBlobIfExistsAsync(NotesName(requestId), cancellationToken: cancellationToken);
        await container.DeleteBlobIfExistsAsync(Name(requestId), cancellationToken: cancellationToken);
    }

    private async Task UploadAsync(string name, string text, string contentType, CancellationToken cancellationToken) =>
        await container.GetBlobClient(name).UploadAsync(
            BinaryData.FromString(text), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);

    private async Task<string?> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    private static string Name(string requestId) => $"{requestId}/subject.json";

    private static string NotesName(string requestId) => $"{requestId}/notes.txt";

    private static string CorrectionsName(string requestId) => $"{requestId}/corrections.json";
}
