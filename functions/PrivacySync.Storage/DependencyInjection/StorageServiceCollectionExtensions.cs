using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PrivacySync.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="StorageAccount"/> (and its <see cref="StorageConnection"/>) from the
    /// <c>AzureWebJobsStorage</c> settings. The settings are read now, so a missing or invalid one fails start-up
    /// with a message naming <c>AzureWebJobsStorage</c>. A registered <see cref="StorageClientOptions"/> or
    /// <see cref="TimeProvider"/> is used when present.
    /// </summary>
    public static IServiceCollection AddPrivacySyncStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var connection = StorageSettings.FromConfiguration(configuration);
        services.AddSingleton(connection);
        services.AddSingleton(sp => new StorageAccount(
            connection,
            sp.GetService<StorageClientOptions>() ?? new StorageClientOptions { TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System }));
        return services;
    }
}
