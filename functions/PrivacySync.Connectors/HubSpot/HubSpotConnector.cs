using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.HubSpot;

/// <summary>
/// The HubSpot connector: finds the subject's contact(s) by primary and additional email, exports the contact with
/// property history, linked business records, engagements, form submissions and subscription statuses; erases with
/// HubSpot's GDPR delete and confirms; objects by unsubscribing from all email and confirming.
/// Only exact address matches are acted on. The subject's addresses never reach logs or exception messages.
/// </summary>
public sealed partial class HubSpotConnector(
    HubSpotClient client,
    IOptions<HubSpotOptions> options,
    TimeProvider time,
    ILogger<HubSpotConnector> logger) : IConnector, IDeclaresCategories
{
    public IReadOnlyCollection<string> ReportedCategories => settings.Categories.Keys;

    private readonly HubSpotOptions settings = options.Value;

    public string Kind => HubSpotConnectorKind.KindName;

    /// <summary>Calls made and 429s seen by this account's client (shared by all connector instances of the account).</summary>
    public HubSpotCallCounter Counter => client.Counter;

    public async Task<DiscoveryResult> DiscoverAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var contacts = await FindContactsAsync(subject, cancellationToken);
        HubSpotLog.Matched(logger, "discover", contacts.Count);
        if (contacts.Count == 0) return DiscoveryResult.Absent("No HubSpot contact has the subject's email addresses.");

        var inventory = await InventoryAsync(contacts, cancellationToken);
        var counts = new Dictionary<string, long>
        {
            [HubSpotCategories.ContactProfile] = contacts.Count,
            [HubSpotCategories.Engagements] = HubSpotObjectTypes.Engagements.Sum(t => inventory.LinkedIds(t).Count),
            [HubSpotCategories.FormSubmissions] = inventory.FormSubmissions.Count,
            [HubSpotCategories.MarketingSubscriptions] = inventory.Subscriptions.Count,
        };
        foreach (var category in HubSpotCategories.BusinessRecords) counts[category] = inventory.LinkedIds(category).Count;

        var categories = counts
            .Where(c => c.Value > 0)
            .Select(c =>
            {
                var policy = settings.Policy(c.Key);
                return new DataCategory(c.Key, c.Value, policy.Purpose, policy.LegalBasis, policy.Retention);
            })
            .ToList();
        return new DiscoveryResult(true, categories);
    }

    public async Task<SystemOutcome> ObjectAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var contacts = await FindContactsAsync(subject, cancellationToken);
        HubSpotLog.Matched(logger, "object", contacts.Count);
        if (contacts.Count == 0)
        {
            return new SystemOutcome(
                [CategoryOutcome.NotFound(HubSpotCategories.MarketingSubscriptions)],
                "No HubSpot contact has the subject's email addresses, so HubSpot sends them no marketing.");
        }

        var emails = contacts.SelectMany(c => c.Emails).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var email in emails) await client.UnsubscribeAllAsync(email, cancellationToken);

        // Confirm from HubSpot's side: opted out of all, and no subscription type still SUBSCRIBED.
        var stillSubscribed = 0;
        var notOptedOut = 0;
        foreach (var email in emails)
        {
            if (!await client.IsUnsubscribedFromAllAsync(email, cancellationToken)) notOptedOut++;
            stillSubscribed += (await client.GetSubscriptionStatusesAsync(email, cancellationToken)).Count(IsSubscribed);
        }

        var policy = settings.Policy(HubSpotCategories.MarketingSubscriptions);
        if (stillSubscribed > 0 || notOptedOut > 0)
        {
            return new SystemOutcome([CategoryOutcome.Failed(
                HubSpotCategories.MarketingSubscriptions,
                $"After unsubscribe-all HubSpot still reports {notOptedOut} address(es) not opted out and {stillSubscribed} subscription(s) as SUBSCRIBED; unsubscribe the contact by hand in HubSpot")]);
        }

        return new SystemOutcome(
            [new CategoryOutcome(HubSpotCategories.MarketingSubscriptions, OutcomeKind.Unsubscribed, emails.Count, policy.Purpose, policy.LegalBasis)],
            $"All {emails.Count} email address(es) of the subject are opted out of all HubSpot email; HubSpot confirmed the statuses afterwards.");
    }

    private static bool IsSubscribed(JObject status) => string.Equals(status["status"]?.ToString(), "SUBSCRIBED", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the policy names no years: the configured retention rule then dates the retention.</summary>
    private DateOnly? RetainedUntil(HubSpotCategoryPolicy policy)
    {
        // Retention runs from the end of the current fiscal year, taken as the calendar year.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return policy.RetainYears is { } years ? new DateOnly(today.Year + years, 12, 31) : null;
    }
}
