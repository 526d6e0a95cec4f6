using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PrivacySync.Storage;
using PrivacySync.Storage.Telemetry;

namespace PrivacySync.Functions.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The Application Insights connection string the Functions platform sets; when present, telemetry goes there.</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Where telemetry goes without Application Insights: <c>console</c> (default), <c>metrics</c> (only the metrics, to the
    /// console: what the benchmark reads) or <c>none</c>.
    /// </summary>
    public const string LocalExporterSetting = "PrivacySync:Telemetry:LocalExporter";

    /// <summary>
    /// OpenTelemetry traces per invocation (the worker's own activity) and the flow's metrics, exported to Application
    /// Insights when its connection string is set, to the console otherwise. No HTTP client instrumentation: connector
    /// URLs can carry a subject's address (HubSpot looks contacts up by e-mail in the path).
    /// </summary>
    public static IServiceCollection AddPrivacySyncTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<FlowMetrics>();
        // Every storage client the app builds counts its operations (the cost driver per request).
        services.TryAddSingleton<StorageCallMetrics>();
        services.TryAddSingleton(sp =>
        {
            var options = new StorageClientsOptions();
            options.PerCallPolicies.Add(sp.GetRequiredService<StorageCallMetrics>());
            return options;
        });
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics.AddMeter(FlowMetrics.MeterName, StorageCallMetrics.MeterName));
        if (!string.IsNullOrWhiteSpace(configuration[ApplicationInsightsSetting]))
        {
            telemetry.UseAzureMonitorExporter();
            return services;
        }

        var local = configuration[LocalExporterSetting] ?? "console";
        switch (local)
        {
            case "console":
                telemetry.WithTracing(tracing => tracing.AddConsoleExporter()).WithMetrics(metrics => metrics.AddConsoleExporter());
                break;
            case "metrics":
                telemetry.WithMetrics(metrics => metrics.AddConsoleExporter());
                break;
            case "none":
                break;
            default:
                throw new InvalidOperationException($"{LocalExporterSetting} must be 'console', 'metrics' or 'none', not '{local}'.");
        }

        return services;
    }
}
