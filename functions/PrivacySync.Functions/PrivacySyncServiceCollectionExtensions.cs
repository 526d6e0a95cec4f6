using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Functions.Api;
using PrivacySync.Functions.Auth;
using PrivacySync.Functions.Connectors;
using PrivacySync.Functions.Nightly;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Functions.Teams;
using PrivacySync.Functions.Telemetry;
using PrivacySync.Storage;

namespace PrivacySync.Functions;

public static class PrivacySyncServiceCollectionExtensions
{
    /// <summary>
    /// Everything the app's functions need: storage (from <c>AzureWebJobsStorage</c>, read now so a missing or bad setting
    /// stops the start naming it), the flow, the connectors, the request API and telemetry. The functions themselves are
    /// found by the worker SDK from their <c>[Function]</c> attributes.
    /// </summary>
    public static IServiceCollection AddPrivacySync(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddPrivacySyncStorage(configuration);
        services.AddPrivacySyncOrchestration(configuration);
        services.AddPrivacySyncConnectors(configuration);
        services.AddApiAuthentication();
        services.AddRequestApi();
        services.AddNightlyReconciliation();
        services.AddTeamsNotifications();
        services.AddPrivacySyncTelemetry(configuration);
        return services;
    }
}
