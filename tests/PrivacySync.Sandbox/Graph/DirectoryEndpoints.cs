using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>/users, /groups, /directory/deletedItems: the directory part of Graph.</summary>
internal static class DirectoryEndpoints
{
    private const int DefaultTop = 100;
    private const int MaxTop = 999;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/users", ListUsers).RequireRoles(Workload.Directory, Roles.UserRead);
        v1.MapPost("/users", CreateUser).RequireRoles(Workload.Directory, Roles.UserWrite);
        v1.MapGet("/users/{user}", GetUser).RequireRoles(Workload.Directory, Roles.UserRead);
        v1.MapDelete("/users/{user}", DeleteUser).RequireRoles(Workload.Directory, Roles.UserDelete);
        v1.MapGet("/users/{user}/memberOf", MemberOf).RequireRoles(Workload.Directory, Roles.GroupMemberRead);
        v1.MapGet("/directory/deletedItems/{id}", GetDeleted).RequireRoles(Workload.Directory, Roles.UserRead);
        v1.MapDelete("/directory/deletedItems/{id}", PurgeDeleted).RequireRoles(Workload.Directory, Roles.UserDelete);
        v1.MapPost("/groups", CreateGroup).RequireRoles(Workload.Directory, Roles.GroupWrite);
        v1.MapPost("/groups/{group}/members/$ref", AddMember).RequireRoles(Workload.Directory, Roles.GroupMemberWrite);
        v1.MapGet("/groups/{group}/members", Members).RequireRoles(Workload.Directory, Roles.GroupMemberRead);
    }

    private static IResult ListUsers(HttpContext context, GraphTenant tenant)
    {
        var query = context.Request.Query;
        var eventual = string.Equals(context.Request.Headers["ConsistencyLevel"], "eventual", StringComparison.OrdinalIgnoreCase);
        var counted = string.Equals(query["$count"], "true", StringComparison.OrdinalIgnoreCase);
        if (counted && !eventual)
        {
            return GraphErrors.BadRequest(context, "Request_BadRequest", "$count is not currently supported without the ConsistencyLevel header set to 'eventual'.");
        }

        ODataFilter? filter = null;
        if (query["$filter"].FirstOrDefault() is { } filterText)
        {
            if (!ODataFilter.TryParse(filterText, out filter, out _))
            {
                return GraphErrors.BadRequest(context, "Request_UnsupportedQuery", "Unsupported or invalid query filter clause specified.");
            }

            if (filter!.UsesAdvancedOperators && !(eventual && counted))
            {
                return GraphErrors.BadRequest(context, "Request_UnsupportedQuery", "Unsupported Query.");
            }
        }

        Func<JObject, bool> search = _ => true;
        if (query["$search"].FirstOrDefault() is { } searchText)
        {
            if (!eventual)
            {
                return GraphErrors.BadRequest(
                    context, "Request_UnsupportedQuery",
                    "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
            }

            var clause = searchText.Trim().Trim('"').Split(':', 2);
            if (clause.Length != 2)
            {
                return GraphErrors.BadRequest(context, "Request_UnsupportedQuery", "Invalid search clause: the value must be \"property:text\".");
            }

            search = u => ((string?)u[clause[0]])?.Contains(clause[1], StringComparison.OrdinalIgnoreCase) == true;
        }

        List<JObject> users;
        lock (tenant.Gate)
        {
            users = tenant.Users.Select(u => u.Json).Where(u => (filter?.Matches(u) ?? true) && search(u))
                .OrderBy(u => (string?)u["userPrincipalName"], StringComparer.OrdinalIgnoreCase).ToList();
        }

        return ODataPage.Respond(context, users, DefaultTop, MaxTop, directoryPaging: true);
    }

    private static async Task<IResult> CreateUser(HttpContext context, GraphTenant tenant)
    {
        var body = await GraphJson.ReadBodyAsync(context.Request);
        if (body is null)
        {
            return GraphErrors.BadRequest(context, "Request_BadRequest", "Invalid JSON in the request body.");
        }

        foreach (var required in new[] { "accountEnabled", "displayName", "mailNickname", "userPrincipalName", "passwordProfile" })
        {
            if (body[required] is null)
            {
                return GraphErrors.BadRequest(context, "Request_BadRequest", $"Invalid value specified for property '{required}' of resource 'User'.");
            }
        }

        try
        {
            var user = tenant.AddUser(body);
            return GraphJson.Json(user, 201);
        }
        catch (InvalidOperationException e)
        {
            return GraphErrors.BadRequest(context, "Request_BadRequest", e.Message);
        }
    }

    private static IResult GetUser(HttpContext context, GraphTenant tenant, string user)
    {
        JObject? json;
        lock (tenant.Gate)
        {
            json = tenant.FindUser(user)?.Json;
        }

        return json is null
            ? GraphErrors.NotFound(context, user)
            : GraphJson.Json(ODataPage.Project(json, context.Request.Query["$select"].FirstOrDefault()?.Split(',')));
    }

    private static IResult DeleteUser(HttpContext context, GraphTenant tenant, string user)
    {
        lock (tenant.Gate)
        {
            var found = tenant.FindUser(user);
            if (found is null)
            {
                return GraphErrors.NotFound(context, user);
            }

            if (found.Privileged)
            {
                return GraphErrors.Error(context, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
            }

            tenant.SoftDelete(found);
        }

        return Results.NoContent();
    }

    private static IResult MemberOf(HttpContext context, GraphTenant tenant, string user)
    {
        List<JObject> groups;
        lock (tenant.Gate)
        {
            var found = tenant.FindUser(user);
            if (found is null)
            {
                return GraphErrors.NotFound(context, user);
            }

            groups = tenant.Groups.Values.Where(g => g.Members.Contains(found.Id)).Select(g => WithType(g.Json, "group")).ToList();
        }

        return ODataPage.Respond(context, groups, DefaultTop, MaxTop, directoryPaging: true);
    }

    private static IResult GetDeleted(HttpContext context, GraphTenant tenant, string id)
    {
        lock (tenant.Gate)
        {
            return tenant.DeletedUsers.TryGetValue(id, out var user)
                ? GraphJson.Json(WithType(user.Json, "user"))
                : GraphErrors.NotFound(context, id);
        }
    }

    private static IResult PurgeDeleted(HttpContext context, GraphTenant tenant, string id)
    {
        lock (tenant.Gate)
        {
            return tenant.DeletedUsers.Remove(id) ? Results.NoContent() : GraphErrors.NotFound(context, id);
        }
    }

    private static async Task<IResult> CreateGroup(HttpContext context, GraphTenant tenant)
    {
        var body = await GraphJson.ReadBodyAsync(context.Request);
        if (body?["displayName"] is null || body["mailNickname"] is null)
        {
            return GraphErrors.BadRequest(context, "Request_BadRequest", "A group needs displayName and mailNickname.");
        }

        return GraphJson.Json(tenant.AddGroup(body), 201);
    }

    private static async Task<IResult> AddMember(HttpContext context, GraphTenant tenant, string group)
    {
        var body = await GraphJson.ReadBodyAsync(context.Request);
        var reference = (string?)body?["@odata.id"];
        var memberId = reference?.TrimEnd('/').Split('/')[^1];
        if (memberId is null)
        {
            return GraphErrors.BadRequest(context, "Request_BadRequest", "The @odata.id reference is missing.");
        }

        try
        {
            tenant.AddGroupMember(group, memberId);
            return Results.NoContent();
        }
        catch (KeyNotFoundException)
        {
            return GraphErrors.NotFound(context, memberId);
        }
        catch (InvalidOperationException e)
        {
            return GraphErrors.BadRequest(context, "Request_BadRequest", e.Message);
        }
    }

    private static IResult Members(HttpContext context, GraphTenant tenant, string group)
    {
        List<JObject> members;
        lock (tenant.Gate)
        {
            if (!tenant.Groups.TryGetValue(group, out var g))
            {
                return GraphErrors.NotFound(context, group);
            }

            members = tenant.Users.Where(u => g.Members.Contains(u.Id)).Select(u => WithType(u.Json, "user")).ToList();
        }

        return ODataPage.Respond(context, members, DefaultTop, MaxTop, directoryPaging: true);
    }

    private static JObject WithType(JObject json, string type)
    {
        var typed = new JObject { ["@odata.type"] = "#microsoft.graph." + type };
        foreach (var property in json.Properties())
        {
            typed[property.Name] = property.Value.DeepClone();
        }

        return typed;
    }
}
