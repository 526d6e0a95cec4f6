using System.Collections.Concurrent;

namespace PrivacySync.Sandbox.Entra;

/// <summary>An app role granted to a user or an application on an API (the resource), as Entra's appRoleAssignments.</summary>
public sealed record AppRoleGrant(string Resource, string Role);

/// <summary>An app registration with its service principal: an API (identifier URI, app roles) and/or a client (secret).</summary>
public sealed record EntraApplication(
    string ClientId,
    string ObjectId,
    string DisplayName,
    string? ClientSecret,
    string? IdentifierUri,
    IReadOnlyList<string> AppRoles,
    IReadOnlyList<AppRoleGrant> Grants);

/// <summary>A user account: sign-in name, password (sandbox only), object id and the app roles assigned to it.</summary>
public sealed record EntraUser(string ObjectId, string UserPrincipalName, string DisplayName, string Password, IReadOnlyList<AppRoleGrant> Grants);

/// <summary>The tenant's directory, in memory: filled through the sandbox's own admin endpoints (or by tests in-process).</summary>
public sealed class EntraDirectory
{
    private readonly ConcurrentDictionary<string, EntraApplication> applications = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, EntraUser> users = new(StringComparer.OrdinalIgnoreCase);

    public void Add(EntraApplication application) => applications[application.ClientId] = application;

    public void Add(EntraUser user) => users[user.UserPrincipalName] = user;

    public EntraApplication? Client(string? clientId) => clientId is null ? null : applications.GetValueOrDefault(clientId);

    public EntraUser? User(string? userPrincipalName) => userPrincipalName is null ? null : users.GetValueOrDefault(userPrincipalName);

    /// <summary>The API a scope's resource names, by client id or identifier URI.</summary>
    public EntraApplication? Api(string resource) =>
        applications.Values.FirstOrDefault(a => a.IdentifierUri is not null
            && (string.Equals(a.ClientId, resource, StringComparison.OrdinalIgnoreCase) || string.Equals(a.IdentifierUri, resource, StringComparison.Ordinal)));

    /// <summary>The roles <paramref name="grants"/> hold on <paramref name="api"/> (a grant names the API by client id or URI).</summary>
    public static IReadOnlyList<string> RolesOn(EntraApplication api, IEnumerable<AppRoleGrant> grants) =>
        grants.Where(g => string.Equals(g.Resource, api.ClientId, StringComparison.OrdinalIgnoreCase) || string.Equals(g.Resource, api.IdentifierUri, StringComparison.Ordinal))
            .Select(g => g.Role)
            .Where(api.AppRoles.Contains)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
