using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Functions.Functions.CollectResults;
using PrivacySync.Functions.Functions.DispatchRequest;
using PrivacySync.Functions.Functions.Health;
using PrivacySync.Functions.Functions.RunOnPremSystemTask;
using PrivacySync.Functions.Functions.RunSystemTask;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Functions.Hosting;
using PrivacySync.Storage;

namespace PrivacySync.Functions.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers every function of the app, one line per function folder under Functions/, plus what they need.
    /// Both modes (custom handler and worker) use this list, so a function added here runs in both.
    /// </summary>
    public static IServiceCollection AddPrivacySyncFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // A missing or invalid AzureWebJobsStorage is reported by start-up validation with every other problem,
        // so registration is skipped here rather than failing on its own.
        if (StorageIsConfigured(configuration))
        {
            services.AddPrivacySyncStorage(configuration);
        }

        services.AddFunction<HealthFunction>();
        services.AddPrivacySyncOrchestration(configuration);
        services.AddSingleton<RetryPolicy>();
        services.AddScoped<SystemTaskRunner>();
        services.AddFunction<DispatchRequestFunction>();
        services.AddFunction<RunSystemTaskFunction>();
        services.AddFunction<RunOnPremSystemTaskFunction>();
        services.AddFunction<CollectResultsFunction>();
        return services;
    }

    private static bool StorageIsConfigured(IConfiguration configuration)
    {
        try
        {
            _ = StorageSettings.FromConfiguration(configuration);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
