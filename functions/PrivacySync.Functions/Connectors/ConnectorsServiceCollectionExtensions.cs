using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PrivacySync.Connectors.Common;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Connectors;

public static class ConnectorsServiceCollectionExtensions
{
    /// <summary>
    /// Installs the connector kinds this app runs — one line per system family, each folder of the connectors project
    /// owning its settings, their checks and its wiring — and a start-up check that sets up the systems this process
    /// serves (<see cref="ConnectorStartupCheck"/>). Needs <c>AddPrivacySyncOrchestration</c> (the configuration path).
    /// </summary>
    public static IServiceCollection AddPrivacySyncConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // Relative paths in the configuration document (mappings, certificates) are read from its folder.
        services.TryAddSingleton(sp => new ConfigurationFolder(
            Path.GetDirectoryName(Path.GetFullPath(PrivacySyncConfiguration.ResolvePath(sp.GetRequiredService<IOptions<OrchestrationOptions>>()))) ?? "."));
        services.AddInstalledConnectorKinds();
        services.AddHostedService<ConnectorStartupCheck>();
        return services;
    }
}
