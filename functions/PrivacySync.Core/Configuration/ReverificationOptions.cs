namespace PrivacySync.Core.Configuration;

/// <summary>
/// Re-verification after erasure, per legal entity: for <see cref="Days"/> days after an erasure completed, the nightly
/// reconciliation runs each system's discovery again; a subject found again (re-created by a form, an import) is
/// reported, and erased again with a signed addendum when <see cref="EraseAgain"/> is set. Needs the subject's
/// identifiers, so <see cref="Days"/> may not exceed <c>RequestDataRetentionDays</c>.
/// </summary>
public sealed record ReverificationOptions
{
    /// <summary>0 (the default) turns re-verification off.</summary>
    public int Days { get; init; }

    public bool EraseAgain { get; init; }
}
