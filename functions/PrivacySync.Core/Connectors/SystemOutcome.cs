namespace PrivacySync.Core.Connectors;

/// <summary>What a connector did for one request in one system, per category.</summary>
/// <remarks><see cref="Identity"/> is how the subject's identifiers reached the system's records (set by the task runner).</remarks>
public sealed record SystemOutcome(IReadOnlyList<CategoryOutcome> Categories, string? Note = null, IdentityResolution? Identity = null)
{
    public bool HasFailures => Categories.Any(c => c.Kind == OutcomeKind.Failed);

    public bool NeedsManualAction => Categories.Any(c => c.Kind == OutcomeKind.ManualActionRequired);
}
