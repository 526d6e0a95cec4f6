using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Hosting.Metadata;

namespace PrivacySync.Functions.CustomHandler;

/// <summary>
/// Reads the Functions host's invocation request ({"Data": {...}, "Metadata": {...}}) and writes the response
/// ({"Outputs", "Logs", "ReturnValue"}). The host serializes each non-object value on its own before embedding
/// it, so strings arrive JSON-encoded twice (Data.msg = "\"text\"", Metadata.Id = "\"guid\"") and numbers
/// arrive as strings (DequeueCount = "1"); one layer of string encoding is removed here.
/// </summary>
public static class InvocationPayload
{
    public static async Task<JObject> ReadAsync(Stream body, CancellationToken ct)
    {
        using var text = new StreamReader(body);
        // Dates stay as the text the host sent: metadata values are strings for the handler to interpret.
        using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None };
        return await JObject.LoadAsync(reader, ct).ConfigureAwait(false);
    }

    public static FunctionInvocation ToInvocation(FunctionMetadata function, JObject payload)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(payload);
        var data = payload.GetValue("Data", StringComparison.OrdinalIgnoreCase) as JObject;
        var triggerValue = data?.GetValue(function.Trigger.Name, StringComparison.OrdinalIgnoreCase);

        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (payload.GetValue("Metadata", StringComparison.OrdinalIgnoreCase) is JObject metadataObject)
        {
            foreach (var property in metadataObject.Properties())
            {
                if (MetadataText(property.Value) is { } value)
                {
                    metadata[property.Name] = value;
                }
            }
        }

        return new FunctionInvocation(function.Name, function.Trigger.Name, Decode(triggerValue), metadata);
    }

    /// <summary>Removes the host's extra string encoding: "\"text\"" becomes "text"; anything else is kept.</summary>
    public static JToken? Decode(JToken? value)
    {
        if (value is JValue { Type: JTokenType.String } text && TryUnwrap((string)text!, out var inner))
        {
            return new JValue(inner);
        }

        return value?.DeepClone();
    }

    public static JObject ToResponse(FunctionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var outputs = new JObject();
        foreach (var (name, value) in result.Outputs)
        {
            outputs[name] = ToToken(value);
        }

        return new JObject
        {
            ["Outputs"] = outputs,
            ["Logs"] = new JArray(result.Logs),
            ["ReturnValue"] = ToToken(result.ReturnValue),
        };
    }

    public static JToken ToToken(object? value) => value switch
    {
        null => JValue.CreateNull(),
        JToken token => token,
        _ => JToken.FromObject(value),
    };

    private static string? MetadataText(JToken value) => value.Type switch
    {
        JTokenType.Null or JTokenType.Undefined => null,
        JTokenType.String => TryUnwrap((string)value!, out var inner) ? inner : (string)value!,
        JTokenType.Object or JTokenType.Array => value.ToString(Formatting.None),
        _ => Convert.ToString(((JValue)value).Value, CultureInfo.InvariantCulture),
    };

    private static bool TryUnwrap(string text, out string inner)
    {
        inner = text;
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return false;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            if (reader.Read() && reader.TokenType == JsonToken.String)
            {
                var value = (string)reader.Value!;
                if (!reader.Read())
                {
                    inner = value;
                    return true;
                }
            }
        }
        catch (JsonReaderException)
        {
            // Not an encoded string after all (e.g. "a" "b"): keep the text as sent.
        }

        return false;
    }
}
