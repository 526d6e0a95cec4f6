using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Functions.Api;
using PrivacySync.Functions.Connectors;
using PrivacySync.Functions.Functions.CertificateKey;
using PrivacySync.Functions.Functions.CollectResults;
using PrivacySync.Functions.Functions.DecideRequest;
using PrivacySync.Functions.Functions.DispatchRequest;
using PrivacySync.Functions.Functions.GetRequest;
using PrivacySync.Functions.Functions.GetRequestOutput;
using PrivacySync.Functions.Functions.Health;
using PrivacySync.Functions.Functions.ListRequests;
using PrivacySync.Functions.Functions.RunOnPremSystemTask;
using PrivacySync.Functions.Functions.RunSystemTask;
using PrivacySync.Functions.Functions.SubmitRequest;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Orchestration;
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
        // Without storage the app cannot start; the script-root check then reports AzureWebJobsStorage together with
        // every other configuration problem, instead of this registration failing first with that one.
        if (StorageIsConfigured(configuration))
        {
            services.AddPrivacySyncStorage(configuration);
            services.AddPrivacySyncOrchestration(configuration);
            services.AddPrivacySyncConnectors(configuration);
            services.AddRequestApi();
        }

        services.AddFunction<HealthFunction>();
        services.AddFunction<SubmitRequestFunction>();
        services.AddFunction<GetRequestFunction>();
        services.AddFunction<ListRequestsFunction>();
        services.AddFunction<DecideRequestFunction>();
        services.AddFunction<GetRequestOutputFunction>();
        services.AddFunction<CertificateKeyFunction>();
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
            _ = StorageClients.FromConfiguration(configuration);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
