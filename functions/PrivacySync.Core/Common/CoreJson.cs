using Newtonsoft.Json;

namespace PrivacySync.Core.Common;

/// <summary>The one JSON shape for PrivacySync's own stored documents and queue messages.</summary>
public static class CoreJson
{
    public static JsonSerializerSettings Settings { get; } = new()
    {
        Converters = { new WireEnumConverter() },
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        Formatting = Formatting.None,
    };

    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

    public static string Serialize<T>(T value) => JsonConvert.SerializeObject(value, Settings);

    public static T Deserialize<T>(string json) =>
        JsonConvert.DeserializeObject<T>(json, Settings) ?? throw new JsonSerializationException($"Expected a {typeof(T).Name} document.");
}
