using System.Globalization;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>v4 associations: list with paging, batch read, default and labelled creation, batch default creation.</summary>
internal static class AssociationEndpoints
{
    private const int MaxListLimit = 500;
    private const int MaxBatchInputs = 1000;

    public static void Map(WebApplication app)
    {
        app.MapGet("/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}", List);
        app.MapPut("/crm/v4/objects/{objectType}/{objectId}/associations/default/{toObjectType}/{toObjectId}", CreateDefault);
        app.MapPut("/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}", CreateLabelled);
        app.MapPost("/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read", BatchRead);
        app.MapPost("/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/associate/default", BatchCreateDefault);
    }

    private static HubSpotStore Store(HttpContext context) => context.RequestServices.GetRequiredService<HubSpotStore>();

    private static async Task List(HttpContext context)
    {
        var store = Store(context);
        var fromType = ObjectTypes.Resolve(HubSpotJson.Route(context, "objectType"));
        var toType = ObjectTypes.Resolve(HubSpotJson.Route(context, "toObjectType"));
        var limit = int.TryParse(HubSpotJson.Query(context, "limit"), out var l) ? Math.Clamp(l, 1, MaxListLimit) : MaxListLimit;
        var after = int.TryParse(HubSpotJson.Query(context, "after"), out var a) ? a : 0;
        JObject json;
        lock (store.Sync)
        {
            var all = long.TryParse(HubSpotJson.Route(context, "objectId"), out var id) ? store.AssociationsOf(fromType, id, toType) : [];
            json = Page(fromType, toType, all, after, limit);
        }

        await HubSpotJson.WriteAsync(context, 200, json);
    }

    private static JObject Page(ObjectTypeInfo fromType, ObjectTypeInfo toType, IReadOnlyList<(long ToId, IReadOnlyList<int> TypeIds)> all, int after, int limit)
    {
        var json = new JObject
        {
            ["results"] = new JArray(all.Skip(after).Take(limit).Select(t => new JObject
            {
                ["toObjectId"] = t.ToId,
                ["associationTypes"] = CrmRender.AssociationTypes(fromType.Name, toType.Name, t.TypeIds),
            })),
        };
        if (after + limit < all.Count) json["paging"] = CrmRender.Paging((after + limit).ToString(CultureInfo.InvariantCulture));
        return json;
    }

    private static async Task CreateDefault(HttpContext context)
    {
        var store = Store(context);
        var fromType = ObjectTypes.Resolve(HubSpotJson.Route(context, "objectType"));
        var toType = ObjectTypes.Resolve(HubSpotJson.Route(context, "toObjectType"));
        var fromId = HubSpotJson.Route(context, "objectId");
        var toId = HubSpotJson.Route(context, "toObjectId");
        var started = store.Now;
        var definition = store.Associate(fromType, fromId, toType, toId, typeId: null);
        var results = new JArray(
            Spec(fromId, toId, definition.TypeId),
            Spec(toId, fromId, definition.InverseTypeId));
        await HubSpotJson.WriteAsync(context, 200, CrmObjectEndpoints.BatchEnvelope(results, started, store.Now));
    }

    private static async Task CreateLabelled(HttpContext context)
    {
        var store = Store(context);
        var fromType = ObjectTypes.Resolve(HubSpotJson.Route(context, "objectType"));
        var toType = ObjectTypes.Resolve(HubSpotJson.Route(context, "toObjectType"));
        var fromId = HubSpotJson.Route(context, "objectId");
        var toId = HubSpotJson.Route(context, "toObjectId");
        var specs = await HubSpotJson.ReadAsync(context) as JArray ?? throw SandboxApiException.Validation("Expected an array of association specs");
        var labels = new JArray();
        foreach (var spec in specs.OfType<JObject>())
        {
            var typeId = spec["associationTypeId"]?.Value<int>() ?? throw SandboxApiException.Validation("associationTypeId is required");
            var definition = store.Associate(fromType, fromId, toType, toId, typeId);
            if (definition.Label is not null) labels.Add(definition.Label);
        }

        await HubSpotJson.WriteAsync(context, 201, new JObject
        {
            ["fromObjectTypeId"] = fromType.TypeId,
            ["fromObjectId"] = long.Parse(fromId, CultureInfo.InvariantCulture),
            ["toObjectTypeId"] = toType.TypeId,
            ["toObjectId"] = long.Parse(toId, CultureInfo.InvariantCulture),
            ["labels"] = labels,
        });
    }

    private static async Task BatchCreateDefault(HttpContext context)
    {
        var store = Store(context);
        var fromType = ObjectTypes.Resolve(HubSpotJson.Route(context, "fromObjectType"));
        var toType = ObjectTypes.Resolve(HubSpotJson.Route(context, "toObjectType"));
        var body = await HubSpotJson.ReadObjectAsync(context);
        var inputs = body["inputs"] as JArray ?? throw SandboxApiException.Validation("inputs is required", @in: "inputs");
        if (inputs.Count > MaxBatchInputs) throw SandboxApiException.Validation($"Batch input is limited to {MaxBatchInputs} inputs", "TOO_MANY_INPUTS", "inputs");
        var started = store.Now;
        var results = new JArray();
        foreach (var input in inputs.OfType<JObject>())
        {
            var fromId = input["from"]?["id"]?.ToString() ?? "";
            var toId = input["to"]?["id"]?.ToString() ?? "";
            var definition = store.Associate(fromType, fromId, toType, toId, typeId: null);
            results.Add(Spec(fromId, toId, definition.TypeId));
        }

        await HubSpotJson.WriteAsync(context, 200, CrmObjectEndpoints.BatchEnvelope(results, started, store.Now));
    }

    private static async Task BatchRead(HttpContext context)
    {
        var store = Store(context);
        var fromType = ObjectTypes.Resolve(HubSpotJson.Route(context, "fromObjectType"));
        var toType = ObjectTypes.Resolve(HubSpotJson.Route(context, "toObjectType"));
        var body = await HubSpotJson.ReadObjectAsync(context);
        var inputs = body["inputs"] as JArray ?? throw SandboxApiException.Validation("inputs is required", @in: "inputs");
        if (inputs.Count > MaxBatchInputs) throw SandboxApiException.Validation($"Batch input is limited to {MaxBatchInputs} inputs", "TOO_MANY_INPUTS", "inputs");
        var pageSize = Math.Max(1, store.Options.AssociationBatchPageSize);
        var started = store.Now;
        var results = new JArray();
        var missing = new List<string>();
        lock (store.Sync)
        {
            foreach (var input in inputs.OfType<JObject>())
            {
                var id = input["id"]?.ToString() ?? "";
                if (!long.TryParse(id, out var numeric) || store.Find(fromType, numeric) is null)
                {
                    missing.Add(id);
                    continue;
                }

                var after = int.TryParse(input["after"]?.ToString(), out var a) ? a : 0;
                var page = Page(fromType, toType, store.AssociationsOf(fromType, numeric, toType), after, pageSize);
                var result = new JObject { ["from"] = new JObject { ["id"] = id }, ["to"] = page["results"] };
                if (page["paging"] is { } paging) result["paging"] = paging;
                results.Add(result);
            }
        }

        var envelope = CrmObjectEndpoints.BatchEnvelope(results, started, store.Now);
        if (missing.Count == 0)
        {
            await HubSpotJson.WriteAsync(context, 200, envelope);
            return;
        }

        envelope["numErrors"] = missing.Count;
        envelope["errors"] = new JArray(missing.Select(id => new JObject
        {
            ["status"] = "error",
            ["category"] = "OBJECT_NOT_FOUND",
            ["message"] = $"No {fromType.Singular} is associated with this id.",
            ["context"] = new JObject { ["fromIds"] = new JArray(id) },
        }));
        await HubSpotJson.WriteAsync(context, 207, envelope);
    }

    private static JObject Spec(string fromId, string toId, int typeId) => new()
    {
        ["from"] = new JObject { ["id"] = fromId },
        ["to"] = new JObject { ["id"] = toId },
        ["associationSpec"] = new JObject { ["associationCategory"] = "HUBSPOT_DEFINED", ["associationTypeId"] = typeId },
    };
}
