namespace PrivacySync.Core.Connectors;

/// <summary>
/// Optional addition to <see cref="IConnector"/> for systems that can erase what an earlier erasure retained once its
/// retention has run out (the nightly deferred erasure). It works from the keys the erasure recorded
/// (<see cref="CategoryOutcome.RecordKeys"/>), so it needs none of the subject's identifiers. A system without it
/// gets a finding asking for the erasure by hand.
/// </summary>
public interface IDeferredEraser
{
    /// <summary>
    /// Erases the retained records of each category whose retention ended on or before <paramref name="asOf"/>; one
    /// outcome per category. Running it again for records already gone reports them erased (or not found), never fails.
    /// </summary>
    Task<SystemOutcome> EraseRetainedAsync(IReadOnlyList<RetainedRecords> due, DateOnly asOf, CancellationToken cancellationToken);
}

/// <summary>What one category of one system held back at erasure: its keys, until when and why.</summary>
public sealed record RetainedRecords(string Category, IReadOnlyList<string> Keys, DateOnly RetainedUntil, string? LegalBasis, long RecordCount);
