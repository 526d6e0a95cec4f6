using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Cli;

namespace PrivacySync.Sandbox.Seeding;

/// <summary>The sandbox tenant as the local environment uses it: the API registration, the callers and the officers' accounts.</summary>
internal sealed record EntraTenant(
    string Instance, string TenantId, string ApiClientId, string ApiAudience, string ScriptClientId, string FlowClientId, string FlowClientSecret,
    IReadOnlyList<EntraOfficer> Officers)
{
    public const string OfficerRole = "PrivacySync.Officer";
    public const string TeamsFlowRole = "PrivacySync.TeamsFlow";

    public string TokenEndpoint => $"{Instance.TrimEnd('/')}/{TenantId}/oauth2/v2.0/token";

    public string Scope => ApiAudience + "/.default";
}

/// <summary>An officer's sandbox account: sign-in name and password (sandbox only), and the object id the configuration maps.</summary>
internal sealed record EntraOfficer(string Id, string ObjectId, string UserPrincipalName, string Password);

/// <summary>
/// Registers, through the Entra-like issuer's sandbox routes, the PrivacySync API (application id URI
/// api://privacysync, app roles PrivacySync.Officer and PrivacySync.TeamsFlow), a public client for scripts (password
/// grant), the Teams Workflows flow's identity (client credentials, role PrivacySync.TeamsFlow) and one account per
/// officer of the configuration (object id from its Officers section, role PrivacySync.Officer).
/// </summary>
internal static class EntraSeeder
{
    public const string ApiAudience = "api://privacysync";

    public static async Task<EntraTenant> SeedAsync(JsonApi entra, string tenantId, JObject config, CancellationToken ct)
    {
        var apiClientId = Guid.NewGuid().ToString();
        await entra.PostAsync($"sandbox/{tenantId}/applications", new JObject
        {
            ["clientId"] = apiClientId,
            ["displayName"] = "PrivacySync API",
            ["identifierUri"] = ApiAudience,
            ["appRoles"] = new JArray(EntraTenant.OfficerRole, EntraTenant.TeamsFlowRole),
        }, ct);

        var scriptClientId = Guid.NewGuid().ToString();
        await entra.PostAsync($"sandbox/{tenantId}/applications", new JObject { ["clientId"] = scriptClientId, ["displayName"] = "PrivacySync scripts (public client)" }, ct);

        var flowClientId = Guid.NewGuid().ToString();
        var flowSecret = Secret();
        await entra.PostAsync($"sandbox/{tenantId}/applications", new JObject
        {
            ["clientId"] = flowClientId,
            ["displayName"] = "PrivacySync Teams Workflows flow",
            ["clientSecret"] = flowSecret,
            ["appRoleAssignments"] = new JArray(new JObject { ["resource"] = ApiAudience, ["role"] = EntraTenant.TeamsFlowRole }),
        }, ct);

        var officers = new List<EntraOfficer>();
        foreach (var officer in ((JArray?)config["Officers"] ?? []).Children<JObject>())
        {
            var id = (string)officer["Id"]!;
            var account = new EntraOfficer(id, (string)officer["ObjectId"]!, $"{id}@nordvik.example.com", Secret());
            await entra.PostAsync($"sandbox/{tenantId}/users", new JObject
            {
                ["userPrincipalName"] = account.UserPrincipalName,
                ["password"] = account.Password,
                ["objectId"] = account.ObjectId,
                ["displayName"] = id,
                ["appRoleAssignments"] = new JArray(new JObject { ["resource"] = ApiAudience, ["role"] = EntraTenant.OfficerRole }),
            }, ct);
            officers.Add(account);
        }

        return new EntraTenant(entra.BaseAddress.AbsoluteUri, tenantId, apiClientId, ApiAudience, scriptClientId, flowClientId, flowSecret, officers);
    }

    private static string Secret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
}
