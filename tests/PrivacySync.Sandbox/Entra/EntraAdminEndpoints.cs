using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Entra;

/// <summary>
/// Sandbox-only set-up of the tenant (no Entra path looks like this; in a real tenant these are app registrations and
/// users made in the portal or through Graph): <c>POST /sandbox/{tenant}/applications</c> {clientId?, displayName,
/// clientSecret?, identifierUri?, appRoles?, appRoleAssignments?: [{resource, role}]} and <c>POST
/// /sandbox/{tenant}/users</c> {userPrincipalName, password, objectId?, displayName?, appRoleAssignments?}. Both answer
/// 201 with the ids.
/// </summary>
internal static class EntraAdminEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/sandbox/{tenant}/applications", ApplicationAsync);
        app.MapPost("/sandbox/{tenant}/users", UserAsync);
    }

    private static async Task<IResult> ApplicationAsync(HttpContext context, string tenant, EntraSimulatorOptions options, EntraDirectory directory)
    {
        var (body, problem) = await ReadAsync(context, tenant, options);
        if (body is null)
        {
            return problem!;
        }

        var application = new EntraApplication(
            ClientId: (string?)body["clientId"] ?? Guid.NewGuid().ToString(),
            ObjectId: Guid.NewGuid().ToString(),
            DisplayName: (string?)body["displayName"] ?? "sandbox application",
            ClientSecret: (string?)body["clientSecret"],
            IdentifierUri: (string?)body["identifierUri"],
            AppRoles: body["appRoles"]?.Values<string>().OfType<string>().ToList() ?? [],
            Grants: Grants(body));
        directory.Add(application);
        return EntraEndpoints.Json(new JObject { ["clientId"] = application.ClientId, ["servicePrincipalObjectId"] = application.ObjectId }, 201);
    }

    private static async Task<IResult> UserAsync(HttpContext context, string tenant, EntraSimulatorOptions options, EntraDirectory directory)
    {
        var (body, problem) = await ReadAsync(context, tenant, options);
        if (body is null)
        {
            return problem!;
        }

        if ((string?)body["userPrincipalName"] is not { Length: > 0 } name || (string?)body["password"] is not { Length: > 0 } password)
        {
            return EntraEndpoints.Error(400, "invalid_request", "AADSTS900144: userPrincipalName and password are required.");
        }

        var user = new EntraUser((string?)body["objectId"] ?? Guid.NewGuid().ToString(), name, (string?)body["displayName"] ?? name, password, Grants(body));
        directory.Add(user);
        return EntraEndpoints.Json(new JObject { ["objectId"] = user.ObjectId, ["userPrincipalName"] = user.UserPrincipalName }, 201);
    }

    private static IReadOnlyList<AppRoleGrant> Grants(JObject body) =>
        (body["appRoleAssignments"] as JArray ?? []).OfType<JObject>()
            .Select(g => new AppRoleGrant((string?)g["resource"] ?? "", (string?)g["role"] ?? ""))
            .ToList();

    private static async Task<(JObject? Body, IResult? Problem)> ReadAsync(HttpContext context, string tenant, EntraSimulatorOptions options)
    {
        if (!string.Equals(tenant, options.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return (null, EntraEndpoints.Error(400, "invalid_tenant", $"AADSTS90002: Tenant '{tenant}' not found."));
        }

        using var reader = new StreamReader(context.Request.Body);
        try
        {
            return (JObject.Parse(await reader.ReadToEndAsync(context.RequestAborted)), null);
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return (null, EntraEndpoints.Error(400, "invalid_request", "AADSTS900144: The body must be a JSON object."));
        }
    }
}
