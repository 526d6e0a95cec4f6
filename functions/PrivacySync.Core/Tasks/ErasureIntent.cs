using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Tasks;

/// <summary>
/// What an erasure task was about to do, recorded on the task before the connector's first side effect: the
/// categories (and record counts) the connector found for the subject, and how it classified the subject (e.g.
/// Microsoft 365's internal person or external person). A later attempt of the same task — after a crash between the
/// erase and the outcome write — acts on this record rather than on what it finds now, so it reports the first
/// attempt's outcome: what was erased stays erased, never "not found". It is recorded only once the identifiers
/// resolved to one person: a task in identity-conflict holds none.
/// </summary>
public sealed record ErasureIntent(
    DateTimeOffset RecordedAt,
    int RecordedInAttempt,
    IReadOnlyList<DataCategory> Found,
    string? Classification = null,
    string? Note = null)
{
    /// <summary>How the subject's identifiers were resolved before the intent was recorded (a later attempt reuses it).</summary>
    public IdentityResolution? Identity { get; init; }

    public const string EarlierAttemptReason = "Erased by an earlier attempt of this task (the system no longer holds it).";

    public static ErasureIntent From(DiscoveryResult discovered, int attempt, DateTimeOffset now, string? classification = null)
    {
        ArgumentNullException.ThrowIfNull(discovered);
        return new ErasureIntent(now, attempt, discovered.Found ? discovered.Categories : [], classification, discovered.Note);
    }

    /// <summary>
    /// The outcome a later attempt reports: a category the intent found that this attempt reports "not found" was
    /// erased by the earlier attempt (the record is gone because of us), so it is reported as erased with its count.
    /// </summary>
    public SystemOutcome Reconcile(SystemOutcome outcome, int attempt)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (attempt <= RecordedInAttempt || Found.Count == 0)
        {
            return outcome; // the first attempt reports what it did itself
        }

        var found = Found.Where(c => c.RecordCount > 0).ToDictionary(c => c.Name, StringComparer.Ordinal);
        if (found.Count == 0)
        {
            return outcome;
        }

        if (outcome.Categories.All(c => c.Kind == OutcomeKind.NotFound))
        {
            // Nothing left at all: everything the first attempt set out to erase is gone.
            return outcome with { Categories = [.. found.Values.Select(Erased)] }; // keeps the caveats and the identity
        }

        return outcome with
        {
            Categories = [.. outcome.Categories.Select(c => c.Kind == OutcomeKind.NotFound && found.TryGetValue(c.Category, out var was) ? Erased(was) : c)],
        };
    }

    private static CategoryOutcome Erased(DataCategory category) =>
        new(category.Name, OutcomeKind.Erased, category.RecordCount, category.Purpose, category.LegalBasis, Reason: EarlierAttemptReason);
}
