using PrivacySync.Core.Requests;

namespace PrivacySync.Core.Reconciliation;

/// <summary>The night a duty works for: the date reconciled, the clock reading at the start, and whether to write anything.</summary>
public sealed record NightlyContext(DateOnly Date, DateTimeOffset Now, bool DryRun);

/// <summary>
/// Work the reconciler does once per night besides inspecting open requests (deferred erasures). It runs inside the
/// night's claim, so a completed night never runs it again; a crashed night's takeover runs it again, so it must
/// finish what a crash left (intent recorded before each effect). A dry run writes nothing and calls no system.
/// </summary>
public interface INightlyDuty
{
    Task<IReadOnlyList<Finding>> RunAsync(NightlyContext night, CancellationToken cancellationToken);
}

/// <summary>Work on each finished request (completed, with exceptions, or rejected), visited once per night in pages.</summary>
public interface IFinishedRequestDuty
{
    Task<IReadOnlyList<Finding>> InspectAsync(DataSubjectRequest request, NightlyContext night, CancellationToken cancellationToken);
}
