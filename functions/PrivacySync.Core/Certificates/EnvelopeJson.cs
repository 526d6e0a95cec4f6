using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Certificates;

/// <summary>How envelopes are read: dates stay strings, numbers as doubles or integers, duplicate keys rejected.</summary>
internal static class EnvelopeJson
{
    private static readonly JsonLoadSettings LoadSettings = new()
    {
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        CommentHandling = CommentHandling.Ignore,
        LineInfoHandling = LineInfoHandling.Ignore,
    };

    /// <exception cref="JsonException">The text is not one JSON object.</exception>
    public static JObject ParseObject(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = 64,
        };
        var obj = JObject.Load(reader, LoadSettings);
        if (reader.Read())
        {
            throw new JsonReaderException("Unexpected content after the JSON object.");
        }

        return obj;
    }
}
