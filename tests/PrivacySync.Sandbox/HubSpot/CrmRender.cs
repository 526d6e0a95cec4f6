using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>Renders stored objects in HubSpot's v3 object shape. Call while holding the store's lock.</summary>
internal static class CrmRender
{
    public static JObject Object(
        HubSpotStore store,
        CrmRecord record,
        IReadOnlyList<string>? properties = null,
        IReadOnlyList<string>? propertiesWithHistory = null,
        IReadOnlyList<string>? associations = null,
        bool allSetProperties = false)
    {
        var names = allSetProperties
            ? record.History.Keys.ToList()
            : properties is { Count: > 0 } ? properties : record.Type.DefaultProperties;
        var props = new JObject();
        foreach (var name in names) props[name] = record.Value(name);

        var json = new JObject
        {
            ["id"] = record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["properties"] = props,
        };

        if (propertiesWithHistory is { Count: > 0 })
        {
            var history = new JObject();
            foreach (var name in propertiesWithHistory)
            {
                if (!record.History.TryGetValue(name, out var versions)) continue;
                history[name] = new JArray(versions.AsEnumerable().Reverse().Select(v => new JObject
                {
                    ["value"] = v.Value,
                    ["timestamp"] = HubSpotJson.Timestamp(v.Timestamp),
                    ["sourceType"] = v.SourceType,
                    ["sourceId"] = v.SourceId,
                    ["updatedByUserId"] = null,
                }));
            }

            json["propertiesWithHistory"] = history;
        }

        json["createdAt"] = HubSpotJson.Timestamp(record.CreatedAt);
        json["updatedAt"] = HubSpotJson.Timestamp(record.UpdatedAt);
        json["archived"] = record.ArchivedAt is not null;
        if (record.ArchivedAt is { } archivedAt) json["archivedAt"] = HubSpotJson.Timestamp(archivedAt);

        if (associations is { Count: > 0 })
        {
            var byType = new JObject();
            foreach (var toName in associations)
            {
                var toType = ObjectTypes.Resolve(toName);
                var results = new JArray();
                foreach (var (toId, typeIds) in store.AssociationsOf(record.Type, record.Id, toType))
                {
                    foreach (var typeId in typeIds)
                    {
                        results.Add(new JObject { ["id"] = toId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["type"] = V3TypeName(record.Type, toType, typeId) });
                    }
                }

                if (results.Count > 0) byType[toType.Name] = new JObject { ["results"] = results };
            }

            if (byType.Count > 0) json["associations"] = byType;
        }

        return json;
    }

    public static JArray AssociationTypes(string fromType, string toType, IEnumerable<int> typeIds) =>
        new(typeIds.Select(id =>
        {
            var definition = AssociationDefinitions.Find(fromType, toType, id);
            return new JObject { ["category"] = "HUBSPOT_DEFINED", ["typeId"] = id, ["label"] = definition.Label };
        }));

    private static string V3TypeName(ObjectTypeInfo from, ObjectTypeInfo to, int typeId)
    {
        var definition = AssociationDefinitions.Find(from.Name, to.Name, typeId);
        var name = $"{from.Singular}_to_{to.Singular}";
        var hasPrimary = AssociationDefinitions.All.Any(d => d.From == from.Name && d.To == to.Name && !d.IsDefault);
        return definition.IsDefault && hasPrimary ? name + "_unlabeled" : name;
    }

    public static JObject Paging(string? after) =>
        new() { ["next"] = new JObject { ["after"] = after } };
}
