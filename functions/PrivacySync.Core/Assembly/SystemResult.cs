using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Assembly;

/// <summary>The final result of one system's task for a request, as the collector reads it.</summary>
/// <param name="Status"><see cref="Succeeded"/> or <see cref="Failed"/>; anything else counts as failed.</param>
/// <param name="Error">Why the system failed, phrased for a privacy officer; null when it succeeded.</param>
/// <param name="Identity">In plain words, how an officer settled an identity conflict in this system; null when there was none.</param>
public sealed record SystemResult(
    string SystemId,
    string SystemName,
    string Status,
    string? Error,
    IReadOnlyList<CategoryOutcome> Categories,
    string? Identity = null)
{
    /// <summary>What the system's connector said the subject should know (see <see cref="SystemOutcome.Caveats"/>).</summary>
    public IReadOnlyList<Caveat> Caveats { get; init; } = [];

    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    // Unknown statuses are treated as failures so that nothing unexpected is reported as done.
    public bool IsFailed => !string.Equals(Status, Succeeded, StringComparison.Ordinal);

    public static SystemResult Success(string systemId, string systemName, IReadOnlyList<CategoryOutcome> categories) =>
        new(systemId, systemName, Succeeded, null, categories);

    public static SystemResult Failure(string systemId, string systemName, string error) =>
        new(systemId, systemName, Failed, error, []);
}
