using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace PrivacySync.Connectors.Hr.Mapping;

/// <summary>Reads a mapping file (camelCase JSON). Unknown properties are errors, so a typo cannot silently drop a rule.</summary>
public static class HrMappingLoader
{
    private static readonly JsonSerializerSettings Settings = new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        MissingMemberHandling = MissingMemberHandling.Error,
        NullValueHandling = NullValueHandling.Ignore,
    };

    public static HrMapping Parse(string json)
    {
        try
        {
            return JsonConvert.DeserializeObject<HrMapping>(json, Settings)
                ?? throw new HrMappingException("(unnamed)", ["the mapping file is empty"]);
        }
        catch (JsonException e)
        {
            throw new HrMappingException("(unparsed)", [e.Message]);
        }
    }

    public static async Task<HrMapping> LoadAsync(string path, CancellationToken cancellationToken) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken));

    public static string Serialize(HrMapping mapping) => JsonConvert.SerializeObject(mapping, Formatting.Indented, Settings);
}
