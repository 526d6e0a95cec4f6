using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Common;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Installs <typeparamref name="TKind"/> as an <see cref="IConnectorKind"/> with what every kind may use: the
    /// settings resolver (<see cref="ConnectorSettings"/>; the app registers <see cref="ConfigurationFolder"/>) and the clock.
    /// </summary>
    public static IServiceCollection AddConnectorKind<TKind>(this IServiceCollection services)
        where TKind : class, IConnectorKind
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConnectorSettings>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectorKind, TKind>());
        return services;
    }
}
