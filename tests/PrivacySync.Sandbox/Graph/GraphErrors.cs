using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>Graph's error body: { "error": { "code", "message", "innerError": { "date", "request-id", "client-request-id" } } }.</summary>
internal static class GraphErrors
{
    public static IResult Error(HttpContext context, int status, string code, string message, int? retryAfterSeconds = null)
    {
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return GraphJson.Json(Body(context, code, message), status);
    }

    public static JObject Body(HttpContext context, string code, string message)
    {
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        return new JObject
        {
            ["error"] = new JObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JObject
                {
                    ["date"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    ["request-id"] = RequestId(context),
                    ["client-request-id"] = context.Request.Headers["client-request-id"].FirstOrDefault() ?? RequestId(context),
                },
            },
        };
    }

    public static async Task WriteAsync(HttpContext context, int status, string code, string message, int? retryAfterSeconds = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(Body(context, code, message).ToString(Newtonsoft.Json.Formatting.None), context.RequestAborted);
    }

    public static string RequestId(HttpContext context) =>
        context.Items["request-id"] as string ?? context.TraceIdentifier;

    public static IResult NotFound(HttpContext context, string what) =>
        Error(context, 404, "Request_ResourceNotFound", $"Resource '{what}' does not exist or one of its queried reference-property objects are not present.");

    public static IResult MailboxItemNotFound(HttpContext context) =>
        Error(context, 404, "ErrorItemNotFound", "The specified object was not found in the store.");

    public static IResult BadRequest(HttpContext context, string code, string message) => Error(context, 400, code, message);
}
