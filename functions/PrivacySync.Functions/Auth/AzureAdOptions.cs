namespace PrivacySync.Functions.Auth;

/// <summary>
/// The API's Entra ID app registration, under <c>AzureAd:</c> (app settings <c>AzureAd__Instance</c>, <c>__TenantId</c>,
/// <c>__ClientId</c>, <c>__Audience</c>; Microsoft.Identity.Web's section). Tokens are checked against the tenant's
/// OpenID metadata at <c>{Instance}{TenantId}/v2.0/.well-known/openid-configuration</c>.
/// </summary>
public sealed class AzureAdOptions
{
    public const string Section = "AzureAd";

    /// <summary>The sign-in authority's host, e.g. https://login.microsoftonline.com/ (the sandbox issuer locally).</summary>
    public string? Instance { get; set; }

    /// <summary>The tenant (directory) id the officers and the Teams flow's identity belong to.</summary>
    public string? TenantId { get; set; }

    /// <summary>The API's application (client) id: v2.0 access tokens carry it as their audience.</summary>
    public string? ClientId { get; set; }

    /// <summary>The API's application id URI (e.g. api://privacysync), accepted as audience too; default api://{ClientId}.</summary>
    public string? Audience { get; set; }

    public string MetadataAddress => $"{Instance?.TrimEnd('/')}/{TenantId}/v2.0/.well-known/openid-configuration";

    public IReadOnlyList<string> ValidAudiences =>
        new[] { ClientId, string.IsNullOrWhiteSpace(Audience) ? $"api://{ClientId}" : Audience }.OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every problem with the settings, each naming its setting; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Instance, UriKind.Absolute, out var instance)
            || !(instance.Scheme == Uri.UriSchemeHttps || (instance.Scheme == Uri.UriSchemeHttp && instance.IsLoopback)))
        {
            problems.Add("AzureAd:Instance must be the sign-in authority's https URL, e.g. https://login.microsoftonline.com/ (http only on loopback, for the sandbox issuer).");
        }

        if (string.IsNullOrWhiteSpace(TenantId) || TenantId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.')))
        {
            problems.Add("AzureAd:TenantId must be the tenant's id (a GUID) or its domain.");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add("AzureAd:ClientId must be the API app registration's application (client) id.");
        }

        return problems;
    }

    /// <summary>True for a loopback authority (the sandbox issuer), whose metadata may come over plain http.</summary>
    public bool IsLoopback => Uri.TryCreate(Instance, UriKind.Absolute, out var instance) && instance.IsLoopback;
}
