using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PrivacySync.Functions.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>Teams cards and their posting: the notifier the flow calls, the card builder, the paced webhook client.</summary>
    public static IServiceCollection AddTeamsNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton<TeamsSettings>();
        services.TryAddSingleton<TeamsNotifications>();
        services.TryAddSingleton<NotificationCardBuilder>();
        services.TryAddSingleton<WebhookPacer>();
        services.TryAddSingleton<NightlyTeamsCards>();
        services.AddHttpClient<TeamsWebhookClient>(TeamsWebhookClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
