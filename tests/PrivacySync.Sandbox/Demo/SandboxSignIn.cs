using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Cli;

namespace PrivacySync.Sandbox.Demo;

/// <summary>An officer signed in: their access token and what it says about them.</summary>
internal sealed record SignedInOfficer(OfficerAccount Account, string AccessToken, string ObjectId, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs an officer in at the sandbox issuer with the password grant (POST {tenant}/oauth2/v2.0/token,
/// grant_type=password) — the way a script does it in the sandbox only; in a real tenant officers sign in
/// interactively (and the Teams flow uses client credentials).
/// </summary>
internal static class SandboxSignIn
{
    public static async Task<SignedInOfficer> PasswordAsync(LocalEndpoints local, OfficerAccount officer, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = local.ScriptClientId,
            ["scope"] = local.Scope,
            ["username"] = officer.Username,
            ["password"] = officer.Password,
        });
        using var response = await http.PostAsync(local.TokenEndpoint, form, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new JsonApiException($"Sign-in of {officer.Id} at the sandbox issuer answered {(int)response.StatusCode}: {text}");
        }

        var token = (string?)JObject.Parse(text)["access_token"] ?? throw new JsonApiException("The sandbox issuer answered without an access_token.");
        var jwt = new JsonWebToken(token);
        var roles = jwt.Claims.Where(c => c.Type == "roles").Select(c => c.Value).ToList();
        return new SignedInOfficer(officer, token, jwt.GetPayloadValue<string>("oid"), roles, jwt.ValidTo);
    }

    public static void Authorize(HttpRequestHeaders headers, SignedInOfficer officer) =>
        headers.Authorization = new AuthenticationHeaderValue("Bearer", officer.AccessToken);
}
