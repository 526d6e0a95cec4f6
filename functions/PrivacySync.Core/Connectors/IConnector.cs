namespace PrivacySync.Core.Connectors;

/// <summary>
/// The seam every connected system plugs into (DESIGN.md, connector contract). Expected outcomes
/// (not found, retained, manual action) are values; a <see cref="TransientConnectorException"/> asks for a retry;
/// a <see cref="PermanentConnectorException"/> fails the task with a reason an officer can act on. Export and erase act only on
/// records <see cref="ResolveAsync"/> accepts, and throw <see cref="IdentityConflictException"/> rather than act on a conflict.
/// </summary>
public interface IConnector
{
    /// <summary>The connector kind as named in configuration (e.g. "hubspot", "microsoft365", "hr-sql").</summary>
    string Kind { get; }

    /// <summary>
    /// Which of this system's records the subject's identifiers reach and how each matched (exact matches only). The
    /// task runner asks first; a conflict stops the task for an officer before anything is exported or erased.
    /// </summary>
    Task<IdentityResolution> ResolveAsync(SubjectIdentity subject, CancellationToken cancellationToken);

    Task<DiscoveryResult> DiscoverAsync(SubjectIdentity subject, CancellationToken cancellationToken);

    /// <summary>Streams the subject's records, grouped by category, without collecting them in memory.</summary>
    IAsyncEnumerable<ExportRecord> ExportAsync(SubjectIdentity subject, CancellationToken cancellationToken);

    Task<SystemOutcome> EraseAsync(SubjectIdentity subject, CancellationToken cancellationToken);

    /// <summary>Stops direct marketing (GDPR Art. 21).</summary>
    Task<SystemOutcome> ObjectAsync(SubjectIdentity subject, CancellationToken cancellationToken);

    /// <summary>
    /// Corrects the subject's fields (GDPR Art. 16) to the given values, each at the target the system's configuration
    /// declares (<see cref="RectificationPlan"/> refuses the rest before this is called): one outcome per field, a field the
    /// system cannot change there is a <see cref="OutcomeKind.Refused"/> or manual-action outcome, never an exception.
    /// Setting a value again changes nothing, so a retried task is harmless. Values are data, never query text or logs.
    /// </summary>
    Task<SystemOutcome> RectifyAsync(SubjectIdentity subject, IReadOnlyList<TargetedCorrection> corrections, CancellationToken cancellationToken);

    /// <summary>
    /// Holds processing of the subject's data (GDPR Art. 18), or lifts the hold: one outcome per category,
    /// <see cref="OutcomeKind.Restricted"/> / <see cref="OutcomeKind.Lifted"/> where the system marks it, a manual-action
    /// outcome with exact instructions where an app cannot. Marking twice changes nothing, so a retried task is harmless.
    /// </summary>
    Task<SystemOutcome> RestrictAsync(SubjectIdentity subject, RestrictionStep step, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IConnector.RestrictAsync"/> does: hold processing, or lift the hold.</summary>
public enum RestrictionStep
{
    Restrict,
    Lift,
}
