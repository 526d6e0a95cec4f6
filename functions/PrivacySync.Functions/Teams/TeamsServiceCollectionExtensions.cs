using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacySync.Core.Reconciliation.Reporting;

namespace PrivacySync.Functions.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>Teams cards and their posting: the notifier the flow calls, the card builder, the paced webhook client, the nightly summary sink.</summary>
    public static IServiceCollection AddTeamsNotifications(this IServiceCollection services)
    {
        services.TryAddSingleton<TeamsSettings>();
        services.TryAddSingleton<TeamsNotifications>();
        services.TryAddSingleton<NotificationCardBuilder>();
        services.TryAddSingleton<WebhookPacer>();
        services.TryAddSingleton<NightlyTeamsCards>();
        // The nightly report hands its summary to every sink: the summary card goes to each entity's channel.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INightlySummarySink, NightlyTeamsCards>(sp => sp.GetRequiredService<NightlyTeamsCards>()));
        services.AddHttpClient<TeamsWebhookClient>(TeamsWebhookClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
