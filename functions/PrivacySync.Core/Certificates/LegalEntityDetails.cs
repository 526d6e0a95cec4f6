namespace PrivacySync.Core.Certificates;

/// <summary>The controller as a signed document names it to the subject.</summary>
/// <param name="Jurisdiction">Country code, e.g. "NO" or "SE".</param>
/// <param name="SupervisoryAuthority">E.g. "Datatilsynet" or "Integritetsskyddsmyndigheten (IMY)".</param>
/// <param name="PrivacyContact">The privacy mailbox or DPO contact the subject can write to.</param>
public sealed record LegalEntityDetails(
    string Id,
    string Name,
    string Jurisdiction,
    string SupervisoryAuthority,
    string PrivacyContact);
