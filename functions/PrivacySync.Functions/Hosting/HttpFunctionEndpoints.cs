using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Functions.Hosting.Metadata;

namespace PrivacySync.Functions.Hosting;

/// <summary>Marks an endpoint with the function it belongs to and whether the caller must present a function key.</summary>
public sealed record FunctionEndpointMetadata(string FunctionName, bool RequiresFunctionKey);

/// <summary>Maps every pure HTTP function under the route prefix (/api), as the host forwards them.</summary>
internal static class HttpFunctionEndpoints
{
    public static void MapHttpFunctions(this IEndpointRouteBuilder endpoints, FunctionApp app, FunctionRegistry registry, bool enforceKeys)
    {
        foreach (var function in app.Functions.Where(function => function.IsPureHttp && app.Host.ForwardHttpRequests))
        {
            var registration = registry.Find(function.Name)!;
            var httpFunction = (IHttpFunction)endpoints.ServiceProvider.GetRequiredService(registration.HandlerType);

            // One group per function, so its auth level applies to its own endpoints only.
            var group = endpoints.MapGroup(RoutePrefix(app));
            group.WithMetadata(new FunctionEndpointMetadata(function.Name, enforceKeys && function.Http!.RequiresFunctionKey));
            httpFunction.Map(group);
        }
    }

    public static string RoutePrefix(FunctionApp app) =>
        app.Host.RoutePrefix.Length == 0 ? "/" : "/" + app.Host.RoutePrefix;
}
