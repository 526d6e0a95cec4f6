using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacySync.Core.Configuration;

using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Connectors;

public static class ConnectorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the real connector kinds — "hubspot", "microsoft365", "hr-sql", "hr-rest" — built from each system's
    /// configuration (<see cref="SystemOptions.Connector"/>, secrets by app-setting name), and a start-up check that
    /// sets up the systems this process serves (<see cref="ConnectorStartupCheck"/>). Needs
    /// <c>AddPrivacySyncOrchestration</c>. A kind registered later with <c>AddConnectorKind</c> replaces the one here.
    /// </summary>
    public static IServiceCollection AddPrivacySyncConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConnectorSettings>();
        services.TryAddSingleton<HubSpotSystems>();
        services.TryAddSingleton<Microsoft365Systems>();
        services.TryAddSingleton<HrSqlSystems>();
        services.TryAddSingleton<HrRestSystems>();

        // HubSpot puts e-mail addresses in request paths: the factory's request logging must not see them.
        services.AddHttpClient(HubSpotSystems.HttpClientName).RemoveAllLoggers();
        services.AddHttpClient(HrRestSystems.HttpClientName).RemoveAllLoggers();

        services.AddConnectorKind(SystemKinds.HubSpot, (sp, system, ct) => sp.GetRequiredService<HubSpotSystems>().CreateAsync(system, ct));
        services.AddConnectorKind(SystemKinds.Microsoft365, (sp, system, ct) => sp.GetRequiredService<Microsoft365Systems>().CreateAsync(system, ct));
        services.AddConnectorKind(SystemKinds.HrSql, (sp, system, ct) => sp.GetRequiredService<HrSqlSystems>().CreateAsync(system, ct));
        services.AddConnectorKind(SystemKinds.HrRest, (sp, system, ct) => sp.GetRequiredService<HrRestSystems>().CreateAsync(system, ct));
        services.AddHostedService<ConnectorStartupCheck>();
        return services;
    }
}
