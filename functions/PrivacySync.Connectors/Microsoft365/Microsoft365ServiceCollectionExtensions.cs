using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Connectors.Common;

namespace PrivacySync.Connectors.Microsoft365;

public static class Microsoft365ServiceCollectionExtensions
{
    /// <summary>Installs kind "microsoft365" (<see cref="Microsoft365ConnectorKind"/>): systems of the kind are validated at start and runnable.</summary>
    public static IServiceCollection AddMicrosoft365Connector(this IServiceCollection services) =>
        services.AddConnectorKind<Microsoft365ConnectorKind>();
}
