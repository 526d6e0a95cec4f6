using PrivacySync.Core.Requests;

namespace PrivacySync.Core.Persistence;

/// <summary>Requests (no subject data) and the submission index that makes a resubmitted form idempotent.</summary>
public interface IRequestStore
{
    Task<Versioned<DataSubjectRequest>?> GetAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Stores a new request; false when one with that id already exists.</summary>
    Task<bool> TryCreateAsync(DataSubjectRequest request, CancellationToken cancellationToken);

    /// <summary>Replaces the request if it still has <paramref name="etag"/>; null when someone else changed it first.</summary>
    Task<string?> TryReplaceAsync(DataSubjectRequest request, string etag, CancellationToken cancellationToken);

    Task<RequestPage> ListAsync(RequestQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Binds a submission id (per legal entity) to a request id, first writer wins. Returns the request id the
    /// submission is bound to — <paramref name="requestId"/> when this call bound it.
    /// </summary>
    Task<string> BindSubmissionAsync(string legalEntityId, string submissionId, string requestId, CancellationToken cancellationToken);
}

public sealed record RequestQuery(RequestStatus? Status = null, string? LegalEntityId = null, int PageSize = 50, string? ContinuationToken = null);

public sealed record RequestPage(IReadOnlyList<DataSubjectRequest> Items, string? ContinuationToken);
