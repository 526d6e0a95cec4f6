using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>/security/cases/ediscoveryCases: cases, searches, sources, actions (202 + Location) and operations.</summary>
internal static class EdiscoveryEndpoints
{
    private static readonly Dictionary<string, string> Actions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["estimateStatistics"] = "estimateStatistics",
        ["microsoft.graph.security.estimateStatistics"] = "estimateStatistics",
        ["purgeData"] = "purgeData",
        ["microsoft.graph.security.purgeData"] = "purgeData",
        ["exportReport"] = "exportReport",
        ["microsoft.graph.security.exportReport"] = "exportReport",
        ["exportResult"] = "exportResult",
        ["microsoft.graph.security.exportResult"] = "exportResult",
    };

    public static void Map(RouteGroupBuilder v1, WebApplication app)
    {
        var cases = v1.MapGroup("/security/cases/ediscoveryCases");
        cases.MapPost("", CreateCase).RequireRoles(Workload.Security, Roles.EdiscoveryWrite);
        cases.MapGet("/{caseId}", (HttpContext c, EdiscoveryStore s, string caseId) =>
            s.GetCase(caseId) is { } json ? GraphJson.Json(json) : NotFound(c)).RequireRoles(Workload.Security, Roles.EdiscoveryRead);
        cases.MapPost("/{caseId}/searches", CreateSearch).RequireRoles(Workload.Security, Roles.EdiscoveryWrite);
        cases.MapGet("/{caseId}/searches/{searchId}", (HttpContext c, EdiscoveryStore s, string caseId, string searchId) =>
            s.GetSearch(caseId, searchId) is { } json ? GraphJson.Json(json) : NotFound(c)).RequireRoles(Workload.Security, Roles.EdiscoveryRead);
        cases.MapPost("/{caseId}/searches/{searchId}/additionalSources", AddSource).RequireRoles(Workload.Security, Roles.EdiscoveryWrite);
        cases.MapGet("/{caseId}/searches/{searchId}/lastEstimateStatisticsOperation", (HttpContext c, EdiscoveryStore s, string caseId, string searchId) =>
            s.LastEstimate(caseId, searchId) is { } json ? GraphJson.Json(json) : NotFound(c)).RequireRoles(Workload.Security, Roles.EdiscoveryRead);
        cases.MapPost("/{caseId}/searches/{searchId}/{action}", StartAction).RequireRoles(Workload.Security, Roles.EdiscoveryRead);
        cases.MapGet("/{caseId}/operations/{operationId}", ReadOperation).RequireRoles(Workload.Security, Roles.EdiscoveryRead);
        v1.MapGet("/security/cases/ediscoveryCases('{caseId}')/operations('{operationId}')", ReadOperation)
            .RequireRoles(Workload.Security, Roles.EdiscoveryRead);
        app.MapGet("/sandbox/ediscovery/exports/{fileId}", Download);
    }

    private static async Task<IResult> CreateCase(HttpContext context, EdiscoveryStore store)
    {
        var body = await GraphJson.ReadBodyAsync(context.Request);
        if (body?["displayName"] is null)
        {
            return GraphErrors.BadRequest(context, "BadRequest", "The case needs a displayName.");
        }

        return GraphJson.Json(store.CreateCase(body), 201);
    }

    private static async Task<IResult> CreateSearch(HttpContext context, EdiscoveryStore store, string caseId)
    {
        var body = await GraphJson.ReadBodyAsync(context.Request);
        if (body?["displayName"] is null)
        {
            return GraphErrors.BadRequest(context, "BadRequest", "The search needs a displayName.");
        }

        var search = store.CreateSearch(caseId, body, out var error);
        return search is not null ? GraphJson.Json(search, 201)
            : error == "case" ? NotFound(context)
            : GraphErrors.BadRequest(context, "BadRequest", "The contentQuery is not valid KQL: " + error);
    }

    private static async Task<IResult> AddSource(HttpContext context, EdiscoveryStore store, GraphTenant tenant, string caseId, string searchId)
    {
        var body = await GraphJson.ReadBodyAsync(context.Request);
        var email = (string?)body?["email"];
        bool known;
        lock (tenant.Gate)
        {
            known = email is not null && tenant.FindUser(email) is not null || tenant.Users.Any(u => string.Equals(u.Mail, email, StringComparison.OrdinalIgnoreCase));
        }

        if (!known)
        {
            return GraphErrors.BadRequest(context, "BadRequest", "The data source could not be found.");
        }

        return store.AddSource(caseId, searchId, body!) is { } source ? GraphJson.Json(source, 201) : NotFound(context);
    }

    private static async Task<IResult> StartAction(HttpContext context, EdiscoveryStore store, string caseId, string searchId, string action)
    {
        if (!Actions.TryGetValue(action, out var name))
        {
            return GraphErrors.BadRequest(context, "BadRequest", $"Resource not found for the segment '{action}'.");
        }

        if (name == "purgeData" && !GraphAccess.Principal(context).HasAny(Roles.EdiscoveryWrite))
        {
            return GraphErrors.Error(context, 403, "Forbidden", "purgeData needs the eDiscovery.ReadWrite.All application permission.");
        }

        var body = await GraphJson.ReadBodyAsync(context.Request) ?? new JObject();
        if (!store.TryTakeAction(GraphAccess.Principal(context).AppId, out var retryAfter))
        {
            return GraphErrors.Error(context, 429, "TooManyRequests", "Too many eDiscovery requests. Retry after the number of seconds in the Retry-After header.", retryAfter);
        }

        var operationId = store.StartOperation(caseId, searchId, name, body, ODataPage.Origin(context));
        if (operationId is null)
        {
            return NotFound(context);
        }

        context.Response.Headers.Location = $"{ODataPage.Origin(context)}/v1.0/security/cases/ediscoveryCases('{caseId}')/operations('{operationId}')";
        return Results.StatusCode(202);
    }

    private static IResult ReadOperation(HttpContext context, EdiscoveryStore store, string caseId, string operationId) =>
        store.ReadOperation(caseId, operationId) is { } json ? GraphJson.Json(json) : NotFound(context);

    /// <summary>Export downloads need a bearer token and X-AllowWithAADToken: true, as the Purview download service does.</summary>
    private static IResult Download(HttpContext context, EdiscoveryStore store, GraphTokens tokens, string fileId)
    {
        var header = context.Request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ||
            tokens.Validate(header[7..].Trim(), out _) is null ||
            !string.Equals(context.Request.Headers["X-AllowWithAADToken"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return Results.StatusCode(401);
        }

        return store.File(fileId) is { } bytes ? Results.Bytes(bytes, "application/zip") : Results.NotFound();
    }

    private static IResult NotFound(HttpContext context) =>
        GraphErrors.Error(context, 404, "NotFound", "The requested eDiscovery resource was not found.");
}
