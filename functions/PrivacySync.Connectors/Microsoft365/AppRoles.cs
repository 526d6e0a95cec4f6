using System.Text;
using Azure.Core;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>Reads the application permissions (the "roles" claim) from an app-only Entra access token.</summary>
internal static class AppRoles
{
    /// <summary>The granted roles, or null when the token is not a readable JWT (then no pre-check is possible).</summary>
    public static async Task<IReadOnlySet<string>?> ReadAsync(TokenCredential credential, string scope, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken).ConfigureAwait(false);
        return Parse(token.Token);
    }

    internal static IReadOnlySet<string>? Parse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload += new string('=', (4 - (payload.Length % 4)) % 4);
            var claims = JObject.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return (claims["roles"] as JArray)?.Values<string>().OfType<string>().ToHashSet(StringComparer.Ordinal)
                ?? new HashSet<string>(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is FormatException or Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
