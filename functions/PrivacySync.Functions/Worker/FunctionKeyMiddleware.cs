using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using PrivacySync.Functions.Hosting;

namespace PrivacySync.Functions.Worker;

/// <summary>
/// The host's key check for authLevel "function" (and "admin") HTTP functions, done by the worker since it plays
/// the host: the key comes in header x-functions-key or query parameter code; a missing or wrong key is 401.
/// </summary>
internal sealed class FunctionKeyMiddleware(RequestDelegate next, string? functionKey)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<FunctionEndpointMetadata>();
        if (metadata is { RequiresFunctionKey: true } && !HasValidKey(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new
            {
                error = $"Function '{metadata.FunctionName}' requires a function key: send header {HeaderName} or query parameter {QueryName}.",
            });
            return;
        }

        await next(context);
    }

    private bool HasValidKey(HttpRequest request)
    {
        if (string.IsNullOrEmpty(functionKey))
        {
            return false;
        }

        string? presented = request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented))
        {
            presented = request.Query[QueryName];
        }

        return !string.IsNullOrEmpty(presented)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(functionKey));
    }
}
