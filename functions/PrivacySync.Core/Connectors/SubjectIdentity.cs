using Newtonsoft.Json;

namespace PrivacySync.Core.Connectors;

/// <summary>
/// Who the request is about, as each system may know them. Never logged. <see cref="ConfirmedRecords"/> is set only
/// for one system's task, from an officer's identity decision: the system's records that officer confirmed.
/// </summary>
public sealed record SubjectIdentity(
    string Email,
    string? Name = null,
    string? Phone = null,
    string? EmployeeId = null,
    IReadOnlyList<string>? AdditionalEmails = null,
    IReadOnlyDictionary<string, string>? SystemIds = null,
    IReadOnlyList<string>? ConfirmedRecords = null)
{
    [JsonIgnore]
    public IEnumerable<string> AllEmails =>
        new[] { Email }.Concat(AdditionalEmails ?? []).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>The identifier name of one of <see cref="AllEmails"/>: the primary email or an additional one.</summary>
    public string EmailIdentifier(string address) =>
        string.Equals(address.Trim(), Email.Trim(), StringComparison.OrdinalIgnoreCase) ? SubjectIdentifiers.Email : SubjectIdentifiers.AdditionalEmail;
}
