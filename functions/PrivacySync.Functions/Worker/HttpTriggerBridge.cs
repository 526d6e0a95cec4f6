using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Hosting.Metadata;

namespace PrivacySync.Functions.Worker;

/// <summary>
/// HTTP functions with other bindings (e.g. a queue output) are invoked by the host with a payload, not
/// forwarded. The worker does the same: it serves the function.json route, builds the request value the host
/// would (Url, Method, Query, Headers, Params, Body), writes the queue outputs and answers with the http output
/// ({statusCode, headers, body}).
/// </summary>
internal static class HttpTriggerBridge
{
    public static void MapPayloadHttpFunctions(this IEndpointRouteBuilder endpoints, FunctionApp app, bool enforceKeys)
    {
        foreach (var function in app.Functions.Where(function => function.Http is not null && !(function.IsPureHttp && app.Host.ForwardHttpRequests)))
        {
            var pattern = HttpFunctionEndpoints.RoutePrefix(app).TrimEnd('/') + "/" + function.Http!.Route;
            RequestDelegate handler = context => InvokeAsync(context, function);
            var endpoint = function.Http.Methods.Count == 0
                ? endpoints.Map(pattern, handler)
                : endpoints.MapMethods(pattern, function.Http.Methods, handler);
            endpoint.WithMetadata(new FunctionEndpointMetadata(function.Name, enforceKeys && function.Http.RequiresFunctionKey));
        }
    }

    private static async Task InvokeAsync(HttpContext context, FunctionMetadata function)
    {
        var invoker = context.RequestServices.GetRequiredService<FunctionInvoker>();
        var outputs = context.RequestServices.GetRequiredService<QueueOutputWriter>();
        var request = await RequestValueAsync(context);
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Query"] = request["Query"]!.ToString(Formatting.None),
            ["Headers"] = request["Headers"]!.ToString(Formatting.None),
        };
        foreach (var (key, routeValue) in context.Request.RouteValues)
        {
            metadata[key] = Convert.ToString(routeValue, CultureInfo.InvariantCulture) ?? string.Empty;
        }

        FunctionResult result;
        try
        {
            result = await invoker.InvokeAsync(new FunctionInvocation(function.Name, function.Trigger.Name, request, metadata), context.RequestAborted);
            await outputs.WriteAsync(function, result, context.RequestAborted);
        }
        catch (Exception ex)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpTriggerBridge));
            WorkerLog.HttpFunctionFailed(logger, ex, function.Name);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        var response = function.HttpOutputName == QueueOutputWriter.ReturnBindingName
            ? result.ReturnValue
            : function.HttpOutputName is { } name && result.Outputs.TryGetValue(name, out var value) ? value : null;
        await WriteResponseAsync(context, response);
    }

    private static async Task<JObject> RequestValueAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var query = new JObject();
        foreach (var (name, values) in request.Query)
        {
            query[name] = values.ToString();
        }

        var headers = new JObject();
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = new JArray(values.Select(item => item ?? string.Empty).ToArray<object>());
        }

        var routeParams = new JObject();
        foreach (var (name, value) in request.RouteValues)
        {
            routeParams[name] = Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        return new JObject
        {
            ["Url"] = $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}",
            ["Method"] = request.Method,
            ["Query"] = query,
            ["Headers"] = headers,
            ["Params"] = routeParams,
            ["Body"] = body,
        };
    }

    private static async Task WriteResponseAsync(HttpContext context, object? output)
    {
        var token = output is null ? null : output as JToken ?? JToken.FromObject(output);
        if (token is not JObject response)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            if (token is not null && token.Type != JTokenType.Null)
            {
                await context.Response.WriteAsync(token.Type == JTokenType.String ? (string)token! : token.ToString(Formatting.None));
            }

            return;
        }

        var status = response.GetValue("statusCode", StringComparison.OrdinalIgnoreCase) ?? response.GetValue("status", StringComparison.OrdinalIgnoreCase);
        context.Response.StatusCode = status is not null && int.TryParse(status.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)
            ? code
            : StatusCodes.Status200OK;
        if (response.GetValue("headers", StringComparison.OrdinalIgnoreCase) is JObject headers)
        {
            foreach (var header in headers.Properties())
            {
                context.Response.Headers[header.Name] = header.Value.ToString();
            }
        }

        var body = response.GetValue("body", StringComparison.OrdinalIgnoreCase);
        if (body is not null && body.Type != JTokenType.Null)
        {
            await context.Response.WriteAsync(body.Type == JTokenType.String ? (string)body! : body.ToString(Formatting.None));
        }
    }
}
