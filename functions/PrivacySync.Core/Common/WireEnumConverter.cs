using Newtonsoft.Json;

namespace PrivacySync.Core.Common;

/// <summary>
/// Writes and reads enums by their wire names only (no integers), so a stored or queued document
/// never depends on member order.
/// </summary>
public sealed class WireEnumConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) => (Nullable.GetUnderlyingType(objectType) ?? objectType).IsEnum;

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        writer.WriteValue(EnumWireMap.For(value.GetType()).NameOf(value));
    }

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var underlying = Nullable.GetUnderlyingType(objectType);
        if (reader.TokenType == JsonToken.Null && underlying is not null)
        {
            return null;
        }

        var enumType = underlying ?? objectType;
        var map = EnumWireMap.For(enumType);
        if (reader.TokenType == JsonToken.String && map.TryParse((string?)reader.Value, out var value))
        {
            return value;
        }

        throw new JsonSerializationException($"must be {map.Description}");
    }
}
