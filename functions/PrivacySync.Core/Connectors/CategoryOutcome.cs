namespace PrivacySync.Core.Connectors;

/// <summary>
/// The result for one data category in one system, phrased so the certificate or export can say it to the subject.
/// </summary>
public sealed record CategoryOutcome(
    string Category,
    OutcomeKind Kind,
    long RecordCount = 0,
    string? Purpose = null,
    string? LegalBasis = null,
    DateOnly? RetainedUntil = null,
    string? Instructions = null,
    string? Reason = null)
{
    public static CategoryOutcome NotFound(string category) => new(category, OutcomeKind.NotFound);

    public static CategoryOutcome Retained(string category, long count, string legalBasis, DateOnly? until, string? purpose = null) =>
        new(category, OutcomeKind.Retained, count, purpose, legalBasis, until);

    public static CategoryOutcome ManualAction(string category, string instructions) =>
        new(category, OutcomeKind.ManualActionRequired, Instructions: instructions);

    public static CategoryOutcome Failed(string category, string reason) =>
        new(category, OutcomeKind.Failed, Reason: reason);
}
