namespace PrivacySync.Core.Audit;

/// <summary>The audit trail's vocabulary.</summary>
public static class AuditActions
{
    public const string Submitted = "submitted";
    public const string Verified = "verified";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Extended = "extended";
    public const string Dispatched = "dispatched";
    public const string TaskSucceeded = "task-succeeded";
    public const string TaskFailed = "task-failed";
    public const string TaskRetry = "task-retry";

    /// <summary>A task stopped on an identity conflict and waits for an officer (nothing exported or erased).</summary>
    public const string TaskIdentityConflict = "task-identity-conflict";

    /// <summary>An officer confirmed a record or dropped an identifier for one system's task (Details name which).</summary>
    public const string IdentityResolved = "identity-resolved";
    /// <summary>Every system answered and mail texts wait on an officer's review before the package is made (Outcome: how many).</summary>
    public const string ReviewRequired = "review-required";

    /// <summary>An officer decided one review item (Outcome: include, redact or exclude; Details: item, passages). Never the reason or the text.</summary>
    public const string ReviewDecided = "review-decided";
    public const string Assembled = "assembled";
    public const string Completed = "completed";
    public const string AccessDenied = "access-denied";
    public const string Downloaded = "downloaded";

    /// <summary>A download link was issued to the officer named as actor (Details: file, expiresAt).</summary>
    public const string LinkIssued = "link-issued";
    public const string IdentifiersPurged = "identifiers-purged";

    /// <summary>The nightly reconciliation deleted the export package after ExportPackageRetentionDays (Details: night, files).</summary>
    public const string PackageDeleted = "package-deleted";

    /// <summary>The password-protected copy of the export package was made for the officer named as actor (no password in it).</summary>
    public const string ProtectedPackageMade = "protected-package-made";

    /// <summary>The nightly reconciliation sent a lost or stalled message again (Outcome names which).</summary>
    public const string MessageResent = "message-resent";

    /// <summary>The nightly reconciliation erased a category whose retention ended (Outcome: the addendum id).</summary>
    public const string DeferredErasure = "deferred-erasure";

    /// <summary>Re-verification found the subject again after erasure (Outcome: erased-again or reported).</summary>
    public const string FoundAfterErasure = "found-after-erasure";

    /// <summary>An officer decided to lift a restriction and the subject's letter saying so was issued (Art. 18(3)); the systems lift it after.</summary>
    public const string RestrictionLiftNotified = "restriction-lift-notified";

    /// <summary>The nightly reconciliation is about to lift a restriction in one system (the intent, before the call).</summary>
    public const string LiftingRestriction = "lifting-restriction";

    /// <summary>One system lifted the restriction (Outcome: its outcome kinds); once every system has, the restriction no longer holds.</summary>
    public const string RestrictionLifted = "restriction-lifted";

    /// <summary>A Teams card was posted to the entity's Workflows webhook (Details: notification, card, attempt, status).</summary>
    public const string TeamsPosted = "teams-posted";

    /// <summary>A Teams card could not be posted (Details add the reason); it is retried with back-off within its budget.</summary>
    public const string TeamsPostFailed = "teams-post-failed";
}

public static class AuditActors
{
    public const string System = "system";
}
