namespace PrivacySync.Connectors.Hr;

/// <summary>Keys of <c>SubjectIdentity.SystemIds</c> the HR connectors read.</summary>
public static class HrSubjectIds
{
    /// <summary>The subject's national identity number (fødselsnummer / personnummer), hashed before any query.</summary>
    public const string NationalId = "national-id";
}
