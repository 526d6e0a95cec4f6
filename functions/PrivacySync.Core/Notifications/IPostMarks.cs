namespace PrivacySync.Core.Notifications;

/// <summary>
/// Once-only marks for notifications that belong to no request's audit trail (the nightly summary: once per night and
/// entity). A poster claims the notification's key with a create-only write before it posts and marks it posted after
/// (both conditional on the claim's ETag), so a redelivered message or a second run that sends the same notification
/// finds the mark and does not post again, and two deliveries at once post once. A claim ends by itself at its lease's
/// end: a poster that crashed after claiming is taken over then. A crash between the post and its mark leaves a claim
/// that is taken over and posted again — at least once, on purpose: a summary the office never gets is worse than one
/// it gets twice after a crash.
/// </summary>
public interface IPostMarks
{
    /// <summary>Claims <paramref name="key"/> until <paramref name="until"/>, unless it is posted or claimed by a poster whose lease runs.</summary>
    Task<PostClaim> ClaimAsync(string key, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Marks the claimed key posted; false when the claim was taken over meanwhile (its lease ran out).</summary>
    Task<bool> MarkPostedAsync(string key, string claimETag, CancellationToken cancellationToken);

    /// <summary>Gives the claim up (the post failed): a retry, or another delivery, may claim it at once.</summary>
    Task ReleaseAsync(string key, string claimETag, CancellationToken cancellationToken);
}

public enum PostClaimState
{
    /// <summary>This poster holds the claim (<see cref="PostClaim.ETag"/>) and may post.</summary>
    Claimed,

    /// <summary>The notification was posted already: nothing to do.</summary>
    Posted,

    /// <summary>Another poster holds a claim until <see cref="PostClaim.HeldUntil"/>: look again then.</summary>
    HeldElsewhere,
}

public sealed record PostClaim(PostClaimState State, string? ETag = null, DateTimeOffset? HeldUntil = null);
