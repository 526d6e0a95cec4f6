namespace PrivacySync.Core.Connectors;

/// <summary>
/// The result for one data category in one system, phrased so the certificate or export can say it to the subject.
/// <see cref="RecordKeys"/> are the system's own keys of records retained until <see cref="RetainedUntil"/> (HubSpot
/// object ids, HR root keys): the nightly deferred erasure finds them by these after the subject's identifiers are
/// purged (and after HubSpot's GDPR delete removed the links). Keys only, never record content; not on certificates.
/// <see cref="Field"/> names the corrected field of a rectification (its name, never its value).
/// </summary>
public sealed record CategoryOutcome(
    string Category,
    OutcomeKind Kind,
    long RecordCount = 0,
    string? Purpose = null,
    string? LegalBasis = null,
    DateOnly? RetainedUntil = null,
    string? Instructions = null,
    string? Reason = null,
    IReadOnlyList<string>? RecordKeys = null,
    string? Field = null)
{
    public static CategoryOutcome NotFound(string category) => new(category, OutcomeKind.NotFound);

    public static CategoryOutcome Retained(string category, long count, string legalBasis, DateOnly? until, string? purpose = null) =>
        new(category, OutcomeKind.Retained, count, purpose, legalBasis, until);

    public static CategoryOutcome ManualAction(string category, string instructions) =>
        new(category, OutcomeKind.ManualActionRequired, Instructions: instructions);

    public static CategoryOutcome Failed(string category, string reason) =>
        new(category, OutcomeKind.Failed, Reason: reason);

    public static CategoryOutcome Rectified(string category, string field, long count) =>
        new(category, OutcomeKind.Rectified, count, Field: field);

    public static CategoryOutcome Refused(string category, string field, string reason) =>
        new(category, OutcomeKind.Refused, Reason: reason, Field: field);

    /// <summary>Restricted on <see cref="RestrictionStep.Restrict"/>, lifted on <see cref="RestrictionStep.Lift"/>.</summary>
    public static CategoryOutcome Held(string category, RestrictionStep step, long count) =>
        new(category, step == RestrictionStep.Restrict ? OutcomeKind.Restricted : OutcomeKind.Lifted, count);
}
