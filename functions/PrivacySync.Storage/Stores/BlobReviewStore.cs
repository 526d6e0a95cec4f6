using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using PrivacySync.Core.Common;
using PrivacySync.Core.Review;

namespace PrivacySync.Storage.Stores;

/// <summary>
/// Review decisions as one blob per item beside the request's raw results (<c>{requestId}/_review/{itemId}.json</c>
/// in the results container; '_' starts no system id), so minimisation deletes them with the results. Each is created
/// with If-None-Match: *, so a decision, once stored, is never replaced.
/// </summary>
public sealed class BlobReviewStore(StorageClients clients) : IReviewStore
{
    private readonly BlobContainerClient container = clients.Container(StoreNames.ResultsContainer);

    public async Task<ReviewDecision?> TryCreateAsync(string requestId, ReviewDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var blob = container.GetBlobClient(Name(requestId, decision.ItemId));
        try
        {
            await blob.UploadAsync(BinaryData.FromString(CoreJson.Serialize(decision)), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return CoreJson.Deserialize<ReviewDecision>((await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString());
        }
    }

    public async Task<IReadOnlyDictionary<string, ReviewDecision>> ListAsync(string requestId, CancellationToken cancellationToken)
    {
        var decisions = new Dictionary<string, ReviewDecision>(StringComparer.Ordinal);
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix(requestId), cancellationToken))
        {
            try
            {
                var decision = CoreJson.Deserialize<ReviewDecision>((await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString());
                decisions[decision.ItemId] = decision;
            }
            catch (RequestFailedException e) when (e.IsNotFound())
            {
                // Deleted by minimisation while this listed it.
            }
        }

        return decisions;
    }

    private static string Prefix(string requestId) => $"{requestId}/_review/";

    private static string Name(string requestId, string itemId) => Prefix(requestId) + itemId + ".json";
}
