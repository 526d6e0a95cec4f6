using PrivacySync.Core.Configuration;

namespace PrivacySync.Connectors.Hr.Rest;

/// <summary>
/// The Connector section of a system of kind "hr-rest" (optional). The HMAC signing key is the app setting named by
/// the system's CredentialReference.
/// </summary>
public sealed record HrRestConnectorOptions
{
    /// <summary>Records per page when exporting.</summary>
    public int? PageSize { get; init; }
}

/// <summary>Checks an "hr-rest" system's settings, each problem named by its path.</summary>
public static class HrRestConnectorRules
{
    public static void Check(SystemOptions system, HrRestConnectorOptions? connector, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.CredentialReference(path, system, "the HMAC signing key shared with the system");
        errors.Range($"{path}.Connector.PageSize", connector?.PageSize, 1, 10_000);
        if (system?.Endpoint is { Length: > 0 } endpoint && !IsSecure(endpoint))
        {
            errors.Add($"{path}.Endpoint", "must be an https:// URL (http:// only for a loopback address, such as a local simulator)");
        }
    }

    /// <summary>https, or http to a loopback host: signed requests and subject identifiers never cross a network in clear text.</summary>
    public static bool IsSecure(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
