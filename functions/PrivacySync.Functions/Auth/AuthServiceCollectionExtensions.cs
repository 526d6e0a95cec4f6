using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PrivacySync.Functions.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Entra ID bearer tokens for the officer-facing API (settings under <c>AzureAd:</c>, checked at start where the API runs).</summary>
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddOptions<AzureAdOptions>().BindConfiguration(AzureAdOptions.Section);
        services.AddHttpClient(nameof(BearerTokens), client => client.Timeout = TimeSpan.FromSeconds(20));
        services.TryAddSingleton<BearerTokens>();
        services.TryAddSingleton<ApiCallers>();
        services.AddHostedService<AuthStartupCheck>();
        return services;
    }
}
