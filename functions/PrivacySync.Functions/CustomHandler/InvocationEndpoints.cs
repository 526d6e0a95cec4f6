using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Hosting.Metadata;

namespace PrivacySync.Functions.CustomHandler;

/// <summary>The host's side of the contract: GET / (readiness ping) and POST /{FunctionName} (invoke).</summary>
internal static partial class InvocationEndpoints
{
    public static void MapInvocationEndpoints(this IEndpointRouteBuilder endpoints, FunctionApp app)
    {
        endpoints.MapGet("/", () => Results.Json(new { status = "ready" }));
        endpoints.MapPost("/{functionName}", (HttpContext context, string functionName) => InvokeAsync(context, functionName, app));
    }

    private static async Task InvokeAsync(HttpContext context, string functionName, FunctionApp app)
    {
        var invoker = context.RequestServices.GetRequiredService<FunctionInvoker>();
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(InvocationEndpoints));
        var function = app.Find(functionName);
        if (function is null || !invoker.CanInvoke(function.Name))
        {
            var reason = function is null
                ? $"No function named '{functionName}' is defined in this app (no {functionName}/function.json in the script root)."
                : $"Function '{function.Name}' is a pure HTTP function; the host forwards its requests under /{app.Host.RoutePrefix} instead of invoking it.";
            await WriteJsonAsync(context, StatusCodes.Status404NotFound, new JObject { ["error"] = reason });
            return;
        }

        JObject payload;
        try
        {
            payload = await InvocationPayload.ReadAsync(context.Request.Body, context.RequestAborted);
        }
        catch (JsonReaderException)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest, new JObject { ["error"] = "The invocation payload is not a JSON object." });
            return;
        }

        var invocation = InvocationPayload.ToInvocation(function, payload);
        FunctionResult result;
        try
        {
            result = await invoker.InvokeAsync(invocation, context.RequestAborted);
        }
        catch (Exception ex)
        {
            // A non-success status makes the host fail the invocation: a queue message is retried and, after
            // maxDequeueCount deliveries, moved to <queue>-poison. The body names no data, only the failure.
            LogInvocationFailed(logger, function.Name, ex.GetType().Name);
            await WriteJsonAsync(context, StatusCodes.Status500InternalServerError, new JObject
            {
                ["error"] = $"Function '{function.Name}' failed ({ex.GetType().Name}).",
            });
            return;
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, InvocationPayload.ToResponse(result));
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToString(Formatting.None), context.RequestAborted);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Invocation of {FunctionName} returned 500 after {ExceptionType}")]
    private static partial void LogInvocationFailed(ILogger logger, string functionName, string exceptionType);
}
