using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>JSON helpers: dates stay strings as on the wire, so stored resources echo exactly what Graph would send.</summary>
internal static class GraphJson
{
    private static readonly JsonSerializerSettings Settings = new() { DateParseHandling = DateParseHandling.None };

    public static JObject ParseObject(string json) =>
        JsonConvert.DeserializeObject<JObject>(json, Settings) ?? throw new JsonException("empty body");

    public static async Task<JObject?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new JObject();
        }

        try
        {
            return ParseObject(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Date(JToken? token) =>
        token is not null && token.Type != JTokenType.Null &&
        DateTimeOffset.TryParse(token.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;

    public static IResult Json(JToken body, int status = 200) =>
        Results.Content(body.ToString(Formatting.None), "application/json", statusCode: status);

    public static string NewId(string prefix) =>
        prefix + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
}
