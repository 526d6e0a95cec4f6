using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrivacySync.Functions.Hosting;

namespace PrivacySync.Functions.Functions.Health;

/// <summary>GET /api/health: liveness of the function app and the build it runs.</summary>
public sealed class HealthFunction : IHttpFunction
{
    public static string Version { get; } =
        typeof(HealthFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HealthFunction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public string FunctionName => "Health";

    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/health", () => Results.Json(new HealthStatus("ok", Version)));

    public sealed record HealthStatus(string Status, string Version);
}
