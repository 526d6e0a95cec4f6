using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Entra;

/// <summary>The Microsoft identity platform's v2.0 endpoints as the API and its callers use them, with AADSTS error bodies.</summary>
internal static class EntraEndpoints
{
    private const string DefaultScopeSuffix = "/.default";

    public static void Map(WebApplication app)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", Metadata);
        app.MapGet("/{tenant}/discovery/v2.0/keys", Keys);
        app.MapPost("/{tenant}/oauth2/v2.0/token", TokenAsync);
    }

    public static string Issuer(HttpContext context, string tenant) => $"{Base(context)}/{tenant}/v2.0";

    private static string Base(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static IResult Metadata(HttpContext context, string tenant, EntraSimulatorOptions options)
    {
        if (!KnownTenant(tenant, options))
        {
            return UnknownTenant(tenant);
        }

        var root = $"{Base(context)}/{tenant}";
        return Json(new JObject
        {
            ["token_endpoint"] = $"{root}/oauth2/v2.0/token",
            ["token_endpoint_auth_methods_supported"] = new JArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
            ["jwks_uri"] = $"{root}/discovery/v2.0/keys",
            ["response_modes_supported"] = new JArray("query", "fragment", "form_post"),
            ["subject_types_supported"] = new JArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JArray("RS256"),
            ["response_types_supported"] = new JArray("code", "id_token", "code id_token", "id_token token"),
            ["scopes_supported"] = new JArray("openid", "profile", "email", "offline_access"),
            ["issuer"] = Issuer(context, tenant),
            ["request_uri_parameter_supported"] = false,
            ["authorization_endpoint"] = $"{root}/oauth2/v2.0/authorize",
            ["end_session_endpoint"] = $"{root}/oauth2/v2.0/logout",
            ["claims_supported"] = new JArray("sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"),
            ["tenant_region_scope"] = "EU",
        });
    }

    private static IResult Keys(string tenant, EntraSimulatorOptions options, EntraTokens tokens)
    {
        if (!KnownTenant(tenant, options))
        {
            return UnknownTenant(tenant);
        }

        var jwk = tokens.PublicJwk();
        return Json(new JObject
        {
            ["keys"] = new JArray(new JObject
            {
                ["kty"] = jwk.Kty,
                ["use"] = jwk.Use,
                ["kid"] = jwk.Kid,
                ["n"] = jwk.N,
                ["e"] = jwk.E,
                ["issuer"] = null,
            }),
        });
    }

    private static async Task<IResult> TokenAsync(HttpContext context, string tenant, EntraSimulatorOptions options, EntraDirectory directory, EntraTokens tokens, TimeProvider time)
    {
        if (!KnownTenant(tenant, options))
        {
            return UnknownTenant(tenant);
        }

        if (!context.Request.HasFormContentType)
        {
            return Error(400, "invalid_request", "AADSTS900144: The request body must contain the following parameter: 'grant_type'.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (clientId, clientSecret) = ClientCredentials(context, form);
        var client = directory.Client(clientId);
        if (client is null)
        {
            return Error(400, "unauthorized_client", $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory '{tenant}'.");
        }

        var scope = ((string?)form["scope"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => s.EndsWith(DefaultScopeSuffix, StringComparison.Ordinal));
        if (scope is null)
        {
            return Error(400, "invalid_scope", "AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }

        var api = directory.Api(scope[..^DefaultScopeSuffix.Length]);
        if (api is null)
        {
            return Error(400, "invalid_resource", $"AADSTS500011: The resource principal named {scope[..^DefaultScopeSuffix.Length]} was not found in the tenant named {tenant}.");
        }

        var claims = EntraTokens.Claims(Issuer(context, tenant), tenant, api.ClientId, time.GetUtcNow(), options.TokenLifetime);
        claims["azp"] = client.ClientId;
        switch ((string?)form["grant_type"])
        {
            case "client_credentials":
                if (client.ClientSecret is null || !FixedEquals(client.ClientSecret, clientSecret))
                {
                    return Error(401, "invalid_client", $"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{client.ClientId}'.");
                }

                claims["azpacr"] = "1";
                claims["idtyp"] = "app";
                claims["oid"] = client.ObjectId;
                claims["sub"] = client.ObjectId;
                AddRoles(claims, EntraDirectory.RolesOn(api, client.Grants));
                break;
            case "password":
                var user = directory.User((string?)form["username"]);
                if (user is null || !FixedEquals(user.Password, (string?)form["password"]))
                {
                    return Error(400, "invalid_grant", "AADSTS50126: Error validating credentials due to invalid username or password.");
                }

                claims["azpacr"] = client.ClientSecret is null ? "0" : "1";
                claims["oid"] = user.ObjectId;
                claims["sub"] = PairwiseSubject(user.ObjectId, client.ClientId);
                claims["name"] = user.DisplayName;
                claims["preferred_username"] = user.UserPrincipalName;
                claims["scp"] = "access_as_user";
                AddRoles(claims, EntraDirectory.RolesOn(api, user.Grants));
                break;
            default:
                return Error(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type. This sandbox issuer supports client_credentials and password.");
        }

        var lifetime = (long)options.TokenLifetime.TotalSeconds;
        return Json(new JObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = lifetime,
            ["ext_expires_in"] = lifetime,
            ["access_token"] = tokens.Sign(claims),
        });
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpContext context, IFormCollection form)
    {
        // client_secret_basic: Authorization: Basic base64(id:secret); otherwise client_secret_post.
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':', 2);
                if (pair.Length == 2)
                {
                    return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
                }
            }
            catch (FormatException)
            {
                // Falls back to the form.
            }
        }

        return ((string?)form["client_id"], (string?)form["client_secret"]);
    }

    private static void AddRoles(Dictionary<string, object> claims, IReadOnlyList<string> roles)
    {
        if (roles.Count > 0)
        {
            claims["roles"] = roles.ToArray();
        }
    }

    // Entra's sub is pairwise: the same user has a different sub per application.
    private static string PairwiseSubject(string objectId, string clientId) =>
        Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(objectId + "|" + clientId))[..24]);

    private static bool FixedEquals(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private static bool KnownTenant(string tenant, EntraSimulatorOptions options) => string.Equals(tenant, options.TenantId, StringComparison.OrdinalIgnoreCase);

    private static IResult UnknownTenant(string tenant) =>
        Error(400, "invalid_tenant", $"AADSTS90002: Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");

    public static IResult Error(int status, string error, string description) => Json(new JObject
    {
        ["error"] = error,
        ["error_description"] = description,
        ["error_codes"] = new JArray(int.Parse(description[6..description.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)),
        ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["trace_id"] = Guid.NewGuid().ToString(),
        ["correlation_id"] = Guid.NewGuid().ToString(),
    }, status);

    public static IResult Json(JObject body, int status = 200) =>
        Results.Content(body.ToString(Newtonsoft.Json.Formatting.None), "application/json; charset=utf-8", Encoding.UTF8, status);
}
