using System.Globalization;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Reconciliation.Reporting;

namespace PrivacySync.Storage.Reconciliation;

/// <summary>
/// The nightly summary's way to Teams, for the timer function and <c>privacysync reconcile</c> alike: one message on
/// [dsr-notify] per entity with a Teams channel, holding the card's name, the entity and the night — ids only. The
/// app's SendTeamsNotification builds the card from the night's stored report and posts it once per night and entity
/// (a post mark), so a night sent again, by a rerun or a redelivery, reaches the channel once.
/// </summary>
public sealed class TeamsSummaryQueue(StorageClients clients, PrivacySyncOptions configuration) : INightlySummarySink
{
    /// <summary>The card's name, as the app's card templates name it.</summary>
    public const string CardName = "nightly-summary";

    public async Task PublishAsync(NightlySummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var night = summary.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var entity in configuration.LegalEntities.Where(e => e.Teams is not null))
        {
            await clients.SendAsync(FlowQueueNames.Notify, CoreJson.Serialize(new SummaryNotice(CardName, entity.Id!, night)), null, cancellationToken);
        }
    }

    // The app's NotificationMessage, by property name (a test holds them to the same JSON).
    private sealed record SummaryNotice(string Card, string EntityId, string Night);
}
