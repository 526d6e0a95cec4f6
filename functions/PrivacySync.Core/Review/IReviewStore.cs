namespace PrivacySync.Core.Review;

/// <summary>The officers' review decisions of a request, one document per item, each written once.</summary>
public interface IReviewStore
{
    /// <summary>
    /// Stores the decision only if the item has none (a conditional create) and returns null; when it has one, writes
    /// nothing and returns the stored decision. Of two officers deciding an item at once exactly one decision stands.
    /// </summary>
    Task<ReviewDecision?> TryCreateAsync(string requestId, ReviewDecision decision, CancellationToken cancellationToken);

    /// <summary>The request's decisions by item id (empty when none).</summary>
    Task<IReadOnlyDictionary<string, ReviewDecision>> ListAsync(string requestId, CancellationToken cancellationToken);
}
