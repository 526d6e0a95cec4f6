using Newtonsoft.Json;

namespace PrivacySync.Core.Connectors;

/// <summary>Who the request is about, as each system may know them. Never logged.</summary>
public sealed record SubjectIdentity(
    string Email,
    string? Name = null,
    string? Phone = null,
    string? EmployeeId = null,
    IReadOnlyList<string>? AdditionalEmails = null,
    IReadOnlyDictionary<string, string>? SystemIds = null)
{
    [JsonIgnore]
    public IEnumerable<string> AllEmails =>
        new[] { Email }.Concat(AdditionalEmails ?? []).Distinct(StringComparer.OrdinalIgnoreCase);
}
