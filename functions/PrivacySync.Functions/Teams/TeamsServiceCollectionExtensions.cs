using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacySync.Core.Reconciliation.Reporting;
using PrivacySync.Storage.Reconciliation;

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
        // The nightly report hands its summary to every sink: a message per entity's channel, which SendTeamsNotification posts once.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INightlySummarySink, TeamsSummaryQueue>());
        services.AddHttpClient<TeamsWebhookClient>(TeamsWebhookClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
