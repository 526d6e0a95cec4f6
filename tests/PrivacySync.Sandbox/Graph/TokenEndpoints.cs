using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>
/// Sandbox-only token issuing (no Graph path looks like this): <c>POST /sandbox/tokens</c> with
/// <c>{"roles": [...], "appId"?, "lifetimeHours"?}</c> answers <c>{"access_token", "token_type", "expires_in"}</c> like
/// Entra's token endpoint. Out-of-process callers (the seeder, the local worker's static-token credential) get their
/// tokens here, since the signing key never leaves the simulator.
/// </summary>
internal static class TokenEndpoints
{
    private const string DefaultAppId = "00000000-0000-0000-0000-00000000a11c";
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(7);

    public static void Map(WebApplication app) => app.MapPost("/sandbox/tokens", Issue);

    private static async Task<IResult> Issue(HttpContext context, GraphTokens tokens, GraphSimulatorOptions options)
    {
        var body = await GraphJson.ReadBodyAsync(context.Request);
        if (body is null || body["roles"] is not JArray roles || roles.Count == 0 || roles.Any(r => r.Type != JTokenType.String))
        {
            return GraphErrors.BadRequest(context, "invalid_request", "roles must be a non-empty array of application permission names.");
        }

        var lifetime = options.TokenLifetime;
        if (body["lifetimeHours"] is { Type: JTokenType.Integer or JTokenType.Float } hours)
        {
            lifetime = TimeSpan.FromHours(Math.Clamp(hours.Value<double>(), 0.01, MaxLifetime.TotalHours));
        }

        var appId = (string?)body["appId"] ?? DefaultAppId;
        var token = tokens.Issue(appId, lifetime, roles.Values<string>().OfType<string>().ToArray());
        return GraphJson.Json(new JObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)lifetime.TotalSeconds,
            ["access_token"] = token,
        });
    }
}
