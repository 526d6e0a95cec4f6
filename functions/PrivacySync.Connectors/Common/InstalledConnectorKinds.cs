using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacySync.Connectors.Hr;
using PrivacySync.Connectors.HubSpot;
using PrivacySync.Connectors.Microsoft365;

namespace PrivacySync.Connectors.Common;

public static class InstalledConnectorKinds
{
    /// <summary>
    /// Every connector kind of this project, one line per system family (each folder owns its settings, checks and
    /// wiring), and the <see cref="ConnectorRegistry"/> over them: what the function app and the command line install.
    /// Needs an <c>IConfiguration</c> and a <see cref="ConfigurationFolder"/>.
    /// </summary>
    public static IServiceCollection AddInstalledConnectorKinds(this IServiceCollection services)
    {
        services.AddHubSpotConnector();
        services.AddMicrosoft365Connector();
        services.AddHrSqlConnector();
        services.AddHrRestConnector();
        services.TryAddSingleton<ConnectorRegistry>();
        return services;
    }
}
