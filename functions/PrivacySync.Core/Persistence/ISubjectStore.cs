using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Persistence;

/// <summary>The subject's identifiers, kept apart from the request and purged after the request's retention.</summary>
public interface ISubjectStore
{
    Task SaveAsync(string requestId, SubjectIdentity subject, CancellationToken cancellationToken);

    /// <summary>Null when purged or never stored.</summary>
    Task<SubjectIdentity?> GetAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// The submitting officer's free-text notes. They may hold personal data, so they live here, beside the
    /// identifiers, and are purged with them — never on the request row, in the audit trail or in logs.
    /// </summary>
    Task SaveNotesAsync(string requestId, string notes, CancellationToken cancellationToken);

    /// <summary>Null when purged or none were given.</summary>
    Task<string?> GetNotesAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>A rectification's corrections (new values are personal data, so they live here and are purged with the identifiers).</summary>
    Task SaveCorrectionsAsync(string requestId, IReadOnlyList<FieldCorrection> corrections, CancellationToken cancellationToken);

    /// <summary>Null when purged or the request has none.</summary>
    Task<IReadOnlyList<FieldCorrection>?> GetCorrectionsAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Deletes the identifiers, the notes and the corrections.</summary>
    Task DeleteAsync(string requestId, CancellationToken cancellationToken);
}
