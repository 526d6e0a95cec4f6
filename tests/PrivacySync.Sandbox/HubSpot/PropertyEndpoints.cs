using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>/crm/v3/properties/{objectType}: the property definitions, and creation of custom properties.</summary>
internal static class PropertyEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/crm/v3/properties/{objectType}", List);
        app.MapPost("/crm/v3/properties/{objectType}", Create);
    }

    private static Task List(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<HubSpotStore>();
        var type = ObjectTypes.Resolve(HubSpotJson.Route(context, "objectType"));
        JArray results;
        lock (store.Sync) results = new JArray(store.PropertiesOf(type).Select((p, i) => Render(p, i, store.Now)));
        return HubSpotJson.WriteAsync(context, 200, new JObject { ["results"] = results });
    }

    private static async Task Create(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<HubSpotStore>();
        var type = ObjectTypes.Resolve(HubSpotJson.Route(context, "objectType"));
        var body = await HubSpotJson.ReadObjectAsync(context);
        string Required(string name) => body[name]?.ToString() is { Length: > 0 } v ? v : throw SandboxApiException.Validation($"{name} is required", "REQUIRED", name);
        var definition = store.AddProperty(type, new PropertyDefinition(Required("name"), Required("label"), Required("type"), Required("fieldType"), Required("groupName")));
        await HubSpotJson.WriteAsync(context, 201, Render(definition, -1, store.Now));
    }

    private static JObject Render(PropertyDefinition p, int order, DateTimeOffset now) => new()
    {
        ["name"] = p.Name,
        ["label"] = p.Label,
        ["type"] = p.Type,
        ["fieldType"] = p.FieldType,
        ["groupName"] = p.GroupName,
        ["description"] = "",
        ["options"] = new JArray(),
        ["displayOrder"] = order,
        ["calculated"] = p.ReadOnly,
        ["externalOptions"] = false,
        ["hasUniqueValue"] = p.Name is "email" or "hs_object_id",
        ["hidden"] = false,
        ["formField"] = !p.ReadOnly,
        ["modificationMetadata"] = new JObject { ["archivable"] = !p.ReadOnly, ["readOnlyDefinition"] = true, ["readOnlyValue"] = p.ReadOnly },
        ["createdAt"] = HubSpotJson.Timestamp(now),
        ["updatedAt"] = HubSpotJson.Timestamp(now),
        ["archived"] = false,
    };
}
