using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PrivacySync.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="StorageClients"/> from the <c>AzureWebJobsStorage</c> settings. The settings are
    /// read now, so a missing or invalid one fails start-up with a message naming it; a registered
    /// <see cref="StorageClientsOptions"/> is used when the clients are built.
    /// </summary>
    public static IServiceCollection AddPrivacySyncStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = StorageClients.FromConfiguration(configuration);
        services.AddSingleton(sp => StorageClients.FromConfiguration(configuration, sp.GetService<StorageClientsOptions>()));
        return services;
    }
}
