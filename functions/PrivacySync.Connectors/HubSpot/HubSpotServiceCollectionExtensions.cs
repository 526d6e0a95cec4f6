using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.HubSpot;

public static class HubSpotServiceCollectionExtensions
{
    /// <summary>
    /// Registers the HubSpot connector for one account: options, the shared rate limiter and call counter
    /// (singletons, so every client of the account shares one budget), the typed <see cref="HubSpotClient"/> and
    /// <see cref="HubSpotConnector"/> (also as <see cref="IConnector"/>).
    /// </summary>
    public static IServiceCollection AddHubSpotConnector(this IServiceCollection services, Action<HubSpotOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<HubSpotOptions>();
        if (configure is not null) optionsBuilder.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HubSpotRateLimiter>();
        services.TryAddSingleton<HubSpotCallCounter>();
        services.AddHttpClient<HubSpotClient>((provider, http) => http.BaseAddress = HubSpotClient.WithTrailingSlash(provider.GetRequiredService<IOptions<HubSpotOptions>>().Value.BaseUrl))
            .RemoveAllLoggers(); // HubSpot puts email addresses in request paths; the factory's default logging would log them.
        services.TryAddTransient<HubSpotConnector>();
        services.AddTransient<IConnector>(provider => provider.GetRequiredService<HubSpotConnector>());
        return services;
    }
}
