using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Storage.Tables;

/// <summary>
/// The Table service's JSON entity format. Writes use odata=nometadata with "Name@odata.type" annotations for
/// the types JSON cannot carry (Int64, Double, DateTime, Guid, Binary); reads use odata=minimalmetadata so those
/// annotations come back and every type round-trips.
/// </summary>
internal static class TableJson
{
    private const string TypeSuffix = "@odata.type";
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static byte[] Serialize(TableEntity entity)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("PartitionKey");
            writer.WriteValue(entity.PartitionKey);
            writer.WritePropertyName("RowKey");
            writer.WriteValue(entity.RowKey);
            foreach (var (name, value) in entity.Properties)
            {
                WriteProperty(writer, name, value!);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] CreateTableBody(string tableName) =>
        Encoding.UTF8.GetBytes(new JObject { ["TableName"] = tableName }.ToString(Formatting.None));

    public static JObject Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            // Dates stay strings so Edm.DateTime is parsed exactly (and only when annotated).
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
        };
        return JObject.Load(reader);
    }

    public static TableEntity ReadEntity(JObject json)
    {
        var entity = new TableEntity(
            json.Value<string>("PartitionKey") ?? throw new FormatException("Entity without PartitionKey."),
            json.Value<string>("RowKey") ?? throw new FormatException("Entity without RowKey."));
        entity.ETag = json.Value<string>("odata.etag");
        foreach (var property in json.Properties())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" || name.StartsWith("odata.", StringComparison.Ordinal) ||
                name.EndsWith(TypeSuffix, StringComparison.Ordinal) || property.Value.Type == JTokenType.Null)
            {
                continue;
            }

            var type = json.Value<string>(name + TypeSuffix);
            if (name == "Timestamp")
            {
                entity.Timestamp = ParseDate(property.Value.Value<string>()!);
                continue;
            }

            entity.SetRaw(name, ReadValue(name, property.Value, type));
        }

        return entity;
    }

    private static object ReadValue(string name, JToken token, string? type) => type switch
    {
        "Edm.Int64" => long.Parse(token.Value<string>()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        "Edm.Int32" => token.Value<int>(),
        "Edm.Double" => token.Type == JTokenType.String
            ? double.Parse(token.Value<string>()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : token.Value<double>(),
        "Edm.DateTime" => ParseDate(token.Value<string>()!),
        "Edm.Guid" => Guid.Parse(token.Value<string>()!),
        "Edm.Binary" => Convert.FromBase64String(token.Value<string>()!),
        "Edm.Boolean" => token.Value<bool>(),
        "Edm.String" => token.Value<string>()!,
        null => token.Type switch
        {
            JTokenType.String => token.Value<string>()!,
            JTokenType.Boolean => token.Value<bool>(),
            JTokenType.Float => token.Value<double>(),
            JTokenType.Integer => token.Value<long>() is var l && l is >= int.MinValue and <= int.MaxValue ? (int)l : l,
            _ => throw new FormatException($"Property '{name}' has an unsupported JSON value."),
        },
        _ => throw new FormatException($"Property '{name}' has unsupported type {type}."),
    };

    private static void WriteProperty(JsonWriter writer, string name, object value)
    {
        void Annotate(string edmType)
        {
            writer.WritePropertyName(name + TypeSuffix);
            writer.WriteValue(edmType);
        }

        switch (value)
        {
            case string s:
                writer.WritePropertyName(name);
                writer.WriteValue(s);
                break;
            case int i:
                writer.WritePropertyName(name);
                writer.WriteValue(i);
                break;
            case bool b:
                writer.WritePropertyName(name);
                writer.WriteValue(b);
                break;
            case long l:
                Annotate("Edm.Int64");
                writer.WritePropertyName(name);
                writer.WriteValue(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                Annotate("Edm.Double");
                writer.WritePropertyName(name);
                if (double.IsFinite(d))
                {
                    writer.WriteValue(d);
                }
                else
                {
                    writer.WriteValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case DateTimeOffset dto:
                Annotate("Edm.DateTime");
                writer.WritePropertyName(name);
                writer.WriteValue(dto.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture));
                break;
            case Guid g:
                Annotate("Edm.Guid");
                writer.WritePropertyName(name);
                writer.WriteValue(g.ToString("D"));
                break;
            case byte[] bytes:
                Annotate("Edm.Binary");
                writer.WritePropertyName(name);
                writer.WriteValue(Convert.ToBase64String(bytes));
                break;
            default:
                throw new InvalidOperationException($"Property '{name}' has unsupported type {value.GetType().Name}.");
        }
    }

    private static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
