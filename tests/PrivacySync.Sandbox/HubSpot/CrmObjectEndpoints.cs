using System.Globalization;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>/crm/v3/objects/{objectType}: create, read, update, archive, batch read/create, search, gdpr-delete.</summary>
internal static class CrmObjectEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/crm/v3/objects/contacts/gdpr-delete", GdprDelete);
        app.MapPost("/crm/v3/objects/{objectType}/search", Search);
        app.MapPost("/crm/v3/objects/{objectType}/batch/read", BatchRead);
        app.MapPost("/crm/v3/objects/{objectType}/batch/create", BatchCreate);
        app.MapPost("/crm/v3/objects/{objectType}", Create);
        app.MapGet("/crm/v3/objects/{objectType}", List);
        app.MapGet("/crm/v3/objects/{objectType}/{objectId}", Read);
        app.MapMethods("/crm/v3/objects/{objectType}/{objectId}", ["PATCH"], Update);
        app.MapDelete("/crm/v3/objects/{objectType}/{objectId}", Archive);
    }

    private static HubSpotStore Store(HttpContext context) => context.RequestServices.GetRequiredService<HubSpotStore>();

    private static ObjectTypeInfo Type(HttpContext context) => ObjectTypes.Resolve(HubSpotJson.Route(context, "objectType"));

    private static async Task Create(HttpContext context)
    {
        var store = Store(context);
        var type = Type(context);
        var body = await HubSpotJson.ReadObjectAsync(context);
        JObject json;
        lock (store.Sync) json = CrmRender.Object(store, store.Create(type, body), allSetProperties: true);
        await HubSpotJson.WriteAsync(context, 201, json);
    }

    private static async Task BatchCreate(HttpContext context)
    {
        var store = Store(context);
        var type = Type(context);
        var body = await HubSpotJson.ReadObjectAsync(context);
        var inputs = body["inputs"] as JArray ?? throw SandboxApiException.Validation("inputs is required", @in: "inputs");
        if (inputs.Count > 100) throw SandboxApiException.Validation($"Batch input is limited to 100 inputs, got {inputs.Count}", "TOO_MANY_INPUTS", "inputs");
        var started = store.Now;
        JArray results;
        lock (store.Sync) results = new JArray(store.CreateBatch(type, inputs).Select(r => CrmRender.Object(store, r, allSetProperties: true)));
        await HubSpotJson.WriteAsync(context, 201, BatchEnvelope(results, started, store.Now));
    }

    private static async Task Read(HttpContext context)
    {
        var store = Store(context);
        var type = Type(context);
        var archived = string.Equals(HubSpotJson.Query(context, "archived"), "true", StringComparison.OrdinalIgnoreCase);
        JObject json;
        lock (store.Sync)
        {
            var record = store.Get(type, HubSpotJson.Route(context, "objectId"), HubSpotJson.Query(context, "idProperty"), archived);
            json = CrmRender.Object(
                store,
                record,
                HubSpotJson.QueryList(context, "properties"),
                HubSpotJson.QueryList(context, "propertiesWithHistory"),
                HubSpotJson.QueryList(context, "associations"));
        }

        await HubSpotJson.WriteAsync(context, 200, json);
    }

    private static async Task List(HttpContext context)
    {
        var store = Store(context);
        var type = Type(context);
        var limit = int.TryParse(HubSpotJson.Query(context, "limit"), out var l) ? Math.Clamp(l, 1, 100) : 10;
        var after = long.TryParse(HubSpotJson.Query(context, "after"), out var a) ? a : 0;
        JObject json;
        lock (store.Sync)
        {
            var page = store.Active(type).Where(r => r.Id > after).Take(limit + 1).ToList();
            json = new JObject { ["results"] = new JArray(page.Take(limit).Select(r => CrmRender.Object(store, r, HubSpotJson.QueryList(context, "properties")))) };
            if (page.Count > limit) json["paging"] = CrmRender.Paging(page[limit - 1].Id.ToString(CultureInfo.InvariantCulture));
        }

        await HubSpotJson.WriteAsync(context, 200, json);
    }

    private static async Task Update(HttpContext context)
    {
        var store = Store(context);
        var type = Type(context);
        var body = await HubSpotJson.ReadObjectAsync(context);
        JObject json;
        lock (store.Sync)
        {
            json = CrmRender.Object(store, store.Update(type, HubSpotJson.Route(context, "objectId"), HubSpotJson.Query(context, "idProperty"), body), allSetProperties: true);
        }

        await HubSpotJson.WriteAsync(context, 200, json);
    }

    private static Task Archive(HttpContext context)
    {
        Store(context).Archive(Type(context), HubSpotJson.Route(context, "objectId"));
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private static async Task BatchRead(HttpContext context)
    {
        var store = Store(context);
        var type = Type(context);
        var body = await HubSpotJson.ReadObjectAsync(context);
        var inputs = body["inputs"] as JArray ?? throw SandboxApiException.Validation("inputs is required", @in: "inputs");
        if (inputs.Count > 100) throw SandboxApiException.Validation($"Batch input is limited to 100 inputs, got {inputs.Count}", "TOO_MANY_INPUTS", "inputs");
        var archived = string.Equals(HubSpotJson.Query(context, "archived"), "true", StringComparison.OrdinalIgnoreCase);
        var idProperty = body["idProperty"]?.ToString();
        var properties = HubSpotJson.StringList(body["properties"]);
        var withHistory = HubSpotJson.StringList(body["propertiesWithHistory"]);
        var started = store.Now;
        var results = new JArray();
        var missing = new List<string>();
        lock (store.Sync)
        {
            foreach (var id in inputs.Select(i => i["id"]?.ToString() ?? ""))
            {
                try
                {
                    results.Add(CrmRender.Object(store, store.Get(type, id, idProperty, archived), properties, withHistory));
                }
                catch (SandboxApiException e) when (e.StatusCode == 404)
                {
                    missing.Add(id);
                }
            }
        }

        var envelope = BatchEnvelope(results, started, store.Now);
        if (missing.Count == 0)
        {
            await HubSpotJson.WriteAsync(context, 200, envelope);
            return;
        }

        envelope["numErrors"] = 1;
        envelope["errors"] = new JArray(new JObject
        {
            ["status"] = "error",
            ["category"] = "OBJECT_NOT_FOUND",
            ["message"] = $"Could not get some {type.Singular.ToUpperInvariant()} objects, they may be deleted or not exist. Check that ids are valid.",
            ["context"] = new JObject { ["ids"] = new JArray(missing) },
        });
        await HubSpotJson.WriteAsync(context, 207, envelope);
    }

    private static async Task Search(HttpContext context)
    {
        var store = Store(context);
        var type = Type(context);
        var body = await HubSpotJson.ReadObjectAsync(context);
        CrmSearch.Validate(body);
        var limit = body["limit"]?.Value<int?>() ?? 10;
        var after = int.TryParse(body["after"]?.ToString(), out var a) ? a : 0;
        if (after >= CrmSearch.MaxResults)
        {
            throw SandboxApiException.Validation(
                $"Search results are limited to {CrmSearch.MaxResults} total results; page beyond them by narrowing the filters",
                "SEARCH_RESULT_LIMIT",
                "after");
        }

        var properties = HubSpotJson.StringList(body["properties"]);
        JObject json;
        lock (store.Sync)
        {
            var matches = CrmSearch.Sort(store.Active(type).Where(r => CrmSearch.Matches(r, body["filterGroups"] as JArray, body["query"]?.ToString())), body["sorts"]).ToList();
            var page = matches.Skip(after).Take(Math.Min(limit, CrmSearch.MaxResults - after)).ToList();
            json = new JObject
            {
                ["total"] = matches.Count,
                ["results"] = new JArray(page.Select(r => CrmRender.Object(store, r, properties))),
            };
            if (after + limit < matches.Count)
            {
                json["paging"] = CrmRender.Paging((after + limit).ToString(CultureInfo.InvariantCulture));
            }
        }

        await HubSpotJson.WriteAsync(context, 200, json);
    }

    private static async Task GdprDelete(HttpContext context)
    {
        var body = await HubSpotJson.ReadObjectAsync(context);
        var objectId = body["objectId"]?.ToString();
        if (string.IsNullOrWhiteSpace(objectId)) throw SandboxApiException.Validation("objectId must not be empty", "REQUIRED", "objectId");
        if (!Store(context).GdprDelete(objectId, body["idProperty"]?.ToString()))
        {
            throw SandboxApiException.NotFound("Object not found.  objectId are usually numeric.");
        }

        context.Response.StatusCode = 204;
    }

    public static JObject BatchEnvelope(JArray results, DateTimeOffset started, DateTimeOffset completed) => new()
    {
        ["status"] = "COMPLETE",
        ["results"] = results,
        ["startedAt"] = HubSpotJson.Timestamp(started),
        ["completedAt"] = HubSpotJson.Timestamp(completed),
    };
}
