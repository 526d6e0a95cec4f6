namespace PrivacySync.Core.Connectors;

/// <summary>
/// The seam every connected system plugs into (DESIGN.md, connector contract). Expected outcomes
/// (not found, retained, manual action) are values; a <see cref="TransientConnectorException"/> asks for a retry;
/// a <see cref="PermanentConnectorException"/> fails the task with a reason an officer can act on.
/// </summary>
public interface IConnector
{
    /// <summary>The connector kind as named in configuration (e.g. "hubspot", "microsoft365", "hr-sql").</summary>
    string Kind { get; }

    Task<DiscoveryResult> DiscoverAsync(SubjectIdentity subject, CancellationToken cancellationToken);

    /// <summary>Streams the subject's records, grouped by category, without collecting them in memory.</summary>
    IAsyncEnumerable<ExportRecord> ExportAsync(SubjectIdentity subject, CancellationToken cancellationToken);

    Task<SystemOutcome> EraseAsync(SubjectIdentity subject, CancellationToken cancellationToken);

    /// <summary>Stops direct marketing (GDPR Art. 21).</summary>
    Task<SystemOutcome> ObjectAsync(SubjectIdentity subject, CancellationToken cancellationToken);
}
