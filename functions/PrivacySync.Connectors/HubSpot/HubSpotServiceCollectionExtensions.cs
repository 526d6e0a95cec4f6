using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Connectors.Common;

namespace PrivacySync.Connectors.HubSpot;

public static class HubSpotServiceCollectionExtensions
{
    /// <summary>Installs kind "hubspot" (<see cref="HubSpotConnectorKind"/>): systems of the kind are validated at start and runnable.</summary>
    public static IServiceCollection AddHubSpotConnector(this IServiceCollection services)
    {
        // HubSpot puts e-mail addresses in request paths: the factory's request logging must not see them.
        services.AddHttpClient(HubSpotConnectorKind.HttpClientName).RemoveAllLoggers();
        return services.AddConnectorKind<HubSpotConnectorKind>();
    }
}
