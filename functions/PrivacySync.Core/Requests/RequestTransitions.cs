namespace PrivacySync.Core.Requests;

/// <summary>The request state machine's allowed edges; everything else is refused.</summary>
public static class RequestTransitions
{
    private static readonly Dictionary<RequestStatus, RequestStatus[]> Allowed = new()
    {
        [RequestStatus.Received] = [RequestStatus.AwaitingVerification, RequestStatus.AwaitingApproval, RequestStatus.Dispatched],
        [RequestStatus.AwaitingVerification] = [RequestStatus.AwaitingApproval, RequestStatus.Dispatched, RequestStatus.Rejected],
        [RequestStatus.AwaitingApproval] = [RequestStatus.Dispatched, RequestStatus.Rejected],

        // Dispatched → CompletedWithExceptions: no system is enabled for the request, so nothing could be searched.
        [RequestStatus.Dispatched] = [RequestStatus.Collecting, RequestStatus.CompletedWithExceptions],
        [RequestStatus.Collecting] = [RequestStatus.AwaitingReview, RequestStatus.Completed, RequestStatus.CompletedWithExceptions],
        [RequestStatus.AwaitingReview] = [RequestStatus.Completed, RequestStatus.CompletedWithExceptions],
        [RequestStatus.Completed] = [],
        [RequestStatus.CompletedWithExceptions] = [],
        [RequestStatus.Rejected] = [],
    };

    public static bool IsAllowed(RequestStatus from, RequestStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    public static IReadOnlyList<RequestStatus> From(RequestStatus status) =>
        Allowed.TryGetValue(status, out var targets) ? targets : [];
}
