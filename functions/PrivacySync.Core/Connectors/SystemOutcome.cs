namespace PrivacySync.Core.Connectors;

/// <summary>What a connector did for one request in one system, per category.</summary>
public sealed record SystemOutcome(IReadOnlyList<CategoryOutcome> Categories, string? Note = null)
{
    public bool HasFailures => Categories.Any(c => c.Kind == OutcomeKind.Failed);

    public bool NeedsManualAction => Categories.Any(c => c.Kind == OutcomeKind.ManualActionRequired);
}
