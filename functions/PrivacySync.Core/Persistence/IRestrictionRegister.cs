namespace PrivacySync.Core.Persistence;

/// <summary>
/// Which restriction requests (Art. 18) concern a subject, by the subject's pseudonymous keys (SubjectReference of each
/// e-mail address) per legal entity, so a later request of the subject learns of them without any identifier stored.
/// Whether a restriction still holds is the restriction request's own state; this is its index.
/// </summary>
public interface IRestrictionRegister
{
    /// <summary>Records that <paramref name="requestId"/> restricts the subject; recording it again changes nothing.</summary>
    Task RecordAsync(string legalEntityId, IReadOnlyList<string> subjectKeys, string requestId, CancellationToken cancellationToken);

    /// <summary>The restriction requests recorded for any of the keys in the entity (distinct).</summary>
    Task<IReadOnlyList<string>> FindAsync(string legalEntityId, IReadOnlyList<string> subjectKeys, CancellationToken cancellationToken);
}
