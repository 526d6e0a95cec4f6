using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Persistence;

/// <summary>The subject's identifiers, kept apart from the request and purged after the request's retention.</summary>
public interface ISubjectStore
{
    Task SaveAsync(string requestId, SubjectIdentity subject, CancellationToken cancellationToken);

    /// <summary>Null when purged or never stored.</summary>
    Task<SubjectIdentity?> GetAsync(string requestId, CancellationToken cancellationToken);

    Task DeleteAsync(string requestId, CancellationToken cancellationToken);
}
