using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>Outlook resources of a user: messages, events and personal contacts. Every route counts against the mailbox limit.</summary>
internal static class MailboxEndpoints
{
    private const int DefaultTop = 10;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/users/{user}/messages", ListMessages).RequireRoles(Workload.Outlook, Roles.MailRead).MailboxLimited();
        v1.MapPost("/users/{user}/messages", (HttpContext c, GraphTenant t, string user) => Create(c, t, user, t.AddMessage))
            .RequireRoles(Workload.Outlook, Roles.MailWrite).MailboxLimited();
        v1.MapGet("/users/{user}/messages/{id}", (HttpContext c, GraphTenant t, string user, string id) => Get(c, t, user, id, u => u.Messages))
            .RequireRoles(Workload.Outlook, Roles.MailRead).MailboxLimited();
        v1.MapPost("/users/{user}/messages/{id}/permanentDelete", PermanentDelete).RequireRoles(Workload.Outlook, Roles.MailWrite).MailboxLimited();

        v1.MapGet("/users/{user}/events", (HttpContext c, GraphTenant t, string user) => List(c, t, user, u => u.Events, "start/dateTime"))
            .RequireRoles(Workload.Outlook, Roles.CalendarRead).MailboxLimited();
        v1.MapPost("/users/{user}/events", (HttpContext c, GraphTenant t, string user) => Create(c, t, user, t.AddEvent))
            .RequireRoles(Workload.Outlook, Roles.CalendarWrite).MailboxLimited();

        v1.MapGet("/users/{user}/contacts", (HttpContext c, GraphTenant t, string user) => List(c, t, user, u => u.Contacts, "displayName"))
            .RequireRoles(Workload.Outlook, Roles.ContactsRead).MailboxLimited();
        v1.MapPost("/users/{user}/contacts", (HttpContext c, GraphTenant t, string user) => Create(c, t, user, t.AddContact))
            .RequireRoles(Workload.Outlook, Roles.ContactsWrite).MailboxLimited();
        v1.MapDelete("/users/{user}/contacts/{id}", DeleteContact).RequireRoles(Workload.Outlook, Roles.ContactsWrite).MailboxLimited();
    }

    private static IResult ListMessages(HttpContext context, GraphTenant tenant, string user)
    {
        var query = context.Request.Query;
        if (query["$search"].FirstOrDefault() is not { } searchText)
        {
            return List(context, tenant, user, u => u.Messages, "receivedDateTime desc");
        }

        if (query.ContainsKey("$orderby"))
        {
            return GraphErrors.BadRequest(context, "ErrorInvalidUrlQuery", "The query parameter '$orderBy' is invalid: sorting is not supported with $search.");
        }

        if (query.ContainsKey("$filter"))
        {
            return GraphErrors.BadRequest(context, "ErrorInvalidUrlQuery", "The query parameter '$filter' is not supported with '$search'.");
        }

        if (!KqlQuery.TryParseSearchParameter(searchText, out var kql, out var error))
        {
            return GraphErrors.BadRequest(context, "ErrorInvalidUrlQuery", error);
        }

        List<JObject> hits;
        lock (tenant.Gate)
        {
            var owner = tenant.FindUser(user);
            if (owner is null)
            {
                return GraphErrors.Error(context, 404, "ErrorInvalidUser", $"The requested user '{user}' is invalid.");
            }

            // Results come in relevance order (here: newest first) and stop at the service's cap.
            hits = owner.Messages.Where(kql!.Matches).OrderByDescending(m => GraphJson.Date(m["receivedDateTime"]))
                .Take(tenant.Options.SearchResultCap).ToList();
        }

        return ODataPage.Respond(context, hits, DefaultTop, tenant.Options.MaxPageSize, directoryPaging: false);
    }

    private static IResult List(HttpContext context, GraphTenant tenant, string user, Func<SimulatedUser, List<JObject>> items, string defaultOrder)
    {
        var query = context.Request.Query;
        ODataFilter? filter = null;
        if (query["$filter"].FirstOrDefault() is { } filterText && !ODataFilter.TryParse(filterText, out filter, out _))
        {
            return GraphErrors.BadRequest(context, "ErrorInvalidUrlQueryFilter", "The query filter contains one or more invalid nodes.");
        }

        var order = (query["$orderby"].FirstOrDefault() ?? defaultOrder).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var descending = order.Length > 1 && order[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
        var path = order[0].Split('/');
        List<JObject> selected;
        lock (tenant.Gate)
        {
            var owner = tenant.FindUser(user);
            if (owner is null)
            {
                return GraphErrors.Error(context, 404, "ErrorInvalidUser", $"The requested user '{user}' is invalid.");
            }

            selected = items(owner).Where(i => filter?.Matches(i) ?? true).ToList();
        }

        string? Key(JObject item) => path.Aggregate((JToken?)item, (t, p) => t?[p])?.ToString();
        selected = descending
            ? selected.OrderByDescending(Key, StringComparer.Ordinal).ToList()
            : selected.OrderBy(Key, StringComparer.Ordinal).ToList();
        return ODataPage.Respond(context, selected, DefaultTop, tenant.Options.MaxPageSize, directoryPaging: false);
    }

    private static async Task<IResult> Create(HttpContext context, GraphTenant tenant, string user, Func<string, JObject, JObject> add)
    {
        var body = await GraphJson.ReadBodyAsync(context.Request);
        if (body is null)
        {
            return GraphErrors.BadRequest(context, "RequestBodyRead", "Invalid JSON in the request body.");
        }

        try
        {
            return GraphJson.Json(add(user, body), 201);
        }
        catch (KeyNotFoundException)
        {
            return GraphErrors.Error(context, 404, "ErrorInvalidUser", $"The requested user '{user}' is invalid.");
        }
    }

    private static IResult Get(HttpContext context, GraphTenant tenant, string user, string id, Func<SimulatedUser, List<JObject>> items)
    {
        lock (tenant.Gate)
        {
            var item = tenant.FindUser(user) is { } owner ? items(owner).FirstOrDefault(i => (string?)i["id"] == id) : null;
            return item is null ? GraphErrors.MailboxItemNotFound(context) : GraphJson.Json(item);
        }
    }

    private static IResult PermanentDelete(HttpContext context, GraphTenant tenant, string user, string id)
    {
        lock (tenant.Gate)
        {
            var owner = tenant.FindUser(user);
            var item = owner?.Messages.FirstOrDefault(m => (string?)m["id"] == id);
            if (owner is null || item is null)
            {
                return GraphErrors.MailboxItemNotFound(context);
            }

            owner.Messages.Remove(item);
            if (owner.OnHold)
            {
                // Exchange keeps it in Recoverable Items\Purges while the hold lasts; Outlook APIs no longer see it.
                owner.RecoverableItems.Add(item);
            }
        }

        return Results.NoContent();
    }

    private static IResult DeleteContact(HttpContext context, GraphTenant tenant, string user, string id)
    {
        lock (tenant.Gate)
        {
            var owner = tenant.FindUser(user);
            var removed = owner?.Contacts.RemoveAll(c => (string?)c["id"] == id) ?? 0;
            return removed == 0 ? GraphErrors.MailboxItemNotFound(context) : Results.NoContent();
        }
    }
}
