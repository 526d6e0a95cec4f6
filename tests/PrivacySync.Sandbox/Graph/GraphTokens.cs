using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>The application a token was issued to, and the application permissions (app roles) it carries.</summary>
public sealed record GraphPrincipal(string AppId, IReadOnlySet<string> Roles)
{
    public bool HasAny(IEnumerable<string> roles) => roles.Any(Roles.Contains);
}

/// <summary>
/// App-only access tokens shaped like Entra's: a JWT whose payload carries aud, iss, tid, appid, exp and the granted
/// application permissions in the "roles" claim. Signed with a per-simulator HMAC key so that only tokens issued
/// here are accepted (Entra signs with RS256; clients never verify Graph tokens, so the difference is invisible).
/// </summary>
public sealed class GraphTokens(GraphSimulatorOptions options, TimeProvider time)
{
    public const string Audience = "https://graph.microsoft.com";

    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    public string Issue(string appId, params string[] roles) => Issue(appId, options.TokenLifetime, roles);

    public string Issue(string appId, TimeSpan lifetime, params string[] roles)
    {
        var now = time.GetUtcNow();
        var header = new JObject { ["typ"] = "JWT", ["alg"] = "HS256" };
        var payload = new JObject
        {
            ["aud"] = Audience,
            ["iss"] = $"https://sts.windows.net/{options.TenantId}/",
            ["tid"] = options.TenantId,
            ["appid"] = appId,
            ["idtyp"] = "app",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(),
            ["roles"] = new JArray(roles.Distinct(StringComparer.Ordinal).ToArray<object>()),
        };
        var unsigned = Encode(header.ToString(Newtonsoft.Json.Formatting.None)) + "." + Encode(payload.ToString(Newtonsoft.Json.Formatting.None));
        return unsigned + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned)));
    }

    /// <summary>Null with a Graph-style reason when the token is not one of ours or has expired.</summary>
    public GraphPrincipal? Validate(string token, out string reason)
    {
        reason = "Access token validation failure. Invalid audience.";
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            reason = "IDX14100: JWT is not well formed, there are no dots (.).";
            return null;
        }

        var expected = Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2])))
        {
            reason = "Access token validation failure. Invalid signature.";
            return null;
        }

        var payload = GraphJson.ParseObject(Encoding.UTF8.GetString(Decode(parts[1])));
        if ((string?)payload["aud"] != Audience)
        {
            return null;
        }

        if ((long?)payload["exp"] is not { } exp || exp <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            reason = "Lifetime validation failed, the token is expired.";
            return null;
        }

        var roles = payload["roles"]?.Values<string>().OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        return new GraphPrincipal((string?)payload["appid"] ?? "", roles);
    }

    private static string Encode(string json) => Base64Url(Encoding.UTF8.GetBytes(json));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return Convert.FromBase64String(padded);
    }
}
