using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>Reading and writing HubSpot-shaped JSON with Newtonsoft.</summary>
internal static class HubSpotJson
{
    public static string Timestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static long Millis(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static async Task<JObject> ReadObjectAsync(HttpContext context)
    {
        var token = await ReadAsync(context);
        return token as JObject ?? throw SandboxApiException.Validation("Invalid input JSON: expected an object");
    }

    public static async Task<JToken> ReadAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw SandboxApiException.Validation("Invalid input JSON: the request body is empty");
        }

        try
        {
            return JToken.Parse(text);
        }
        catch (JsonReaderException)
        {
            throw SandboxApiException.Validation("Invalid input JSON on line 1: the body is not valid JSON");
        }
    }

    public static Task WriteAsync(HttpContext context, int status, JToken body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=utf-8";
        return context.Response.WriteAsync(body.ToString(Formatting.None), context.RequestAborted);
    }

    public static JObject Error(string message, string category, string correlationId, JArray? errors = null)
    {
        var body = new JObject
        {
            ["status"] = "error",
            ["message"] = message,
            ["correlationId"] = correlationId,
            ["category"] = category,
        };
        if (errors is not null) body["errors"] = errors;
        return body;
    }

    public static string? Query(HttpContext context, string name)
    {
        var value = context.Request.Query[name];
        return value.Count == 0 ? null : value.ToString();
    }

    /// <summary>HubSpot accepts repeated (<c>?properties=a&amp;properties=b</c>) and comma-separated lists.</summary>
    public static IReadOnlyList<string> QueryList(HttpContext context, string name) =>
        context.Request.Query[name]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();

    public static string Route(HttpContext context, string name) =>
        context.Request.RouteValues[name]?.ToString() ?? throw SandboxApiException.Validation($"missing {name}");

    public static IReadOnlyList<string> StringList(JToken? token) =>
        token is JArray array ? array.Select(t => t.ToString()).ToList() : [];
}
