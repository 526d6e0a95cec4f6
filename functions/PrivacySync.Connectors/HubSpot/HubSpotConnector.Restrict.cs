using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.HubSpot;

public sealed partial class HubSpotConnector
{
    /// <summary>
    /// Restriction (Art. 18): every address of the subject is opted out of all email (communication preferences v4,
    /// unsubscribe-all), and each contact gets the restricted marker property (PATCH), so workflows and lists can leave
    /// restricted contacts out; both are read back before they are reported. Lifting clears the marker only: the
    /// subscriptions stay opted out, since resubscribing takes the subject's own opt-in.
    /// </summary>
    public async Task<SystemOutcome> RestrictAsync(SubjectIdentity subject, RestrictionStep step, CancellationToken cancellationToken)
    {
        var contacts = await FindContactsAsync(subject, cancellationToken);
        HubSpotLog.Matched(logger, step == RestrictionStep.Restrict ? "restrict" : "lift", contacts.Count);
        if (contacts.Count == 0)
        {
            return new SystemOutcome(
                [CategoryOutcome.NotFound(HubSpotCategories.ContactProfile)],
                "No HubSpot contact has the subject's email addresses; nothing to restrict.");
        }

        var marker = settings.RestrictionProperty;
        var restrict = step == RestrictionStep.Restrict;
        var outcomes = new List<CategoryOutcome>();
        if (restrict)
        {
            var emails = contacts.SelectMany(c => c.Emails).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var email in emails) await client.UnsubscribeAllAsync(email, cancellationToken);
            var notOptedOut = 0;
            foreach (var email in emails)
            {
                if (!await client.IsUnsubscribedFromAllAsync(email, cancellationToken)) notOptedOut++;
            }

            outcomes.Add(notOptedOut == 0
                ? CategoryOutcome.Held(HubSpotCategories.MarketingSubscriptions, step, emails.Count)
                : CategoryOutcome.Failed(HubSpotCategories.MarketingSubscriptions, $"After unsubscribe-all HubSpot still reports {notOptedOut} address(es) not opted out; unsubscribe the contact by hand in HubSpot"));
            await client.EnsureCheckboxPropertyAsync(HubSpotObjectTypes.Contacts, marker, "Processing restricted (GDPR Art. 18)", cancellationToken);
        }

        var value = restrict ? "true" : "false";
        string? refusal = null;
        foreach (var contact in contacts)
        {
            (_, refusal) = await client.UpdateObjectAsync(HubSpotObjectTypes.Contacts, contact.Id, new JObject { [marker] = value }, cancellationToken);
            if (refusal is not null) break;
        }

        if (refusal is not null)
        {
            outcomes.Add(CategoryOutcome.ManualAction(
                HubSpotCategories.ContactProfile,
                $"{refusal}. In HubSpot, create the contact property '{marker}' (single checkbox) and set it to {(restrict ? "Yes" : "No")} on contact(s) {string.Join(", ", contacts.Select(c => c.Id))}; then record the date here."));
        }
        else
        {
            var confirmed = 0;
            foreach (var contact in contacts)
            {
                var read = await client.GetObjectAsync(HubSpotObjectTypes.Contacts, contact.Id, cancellationToken, properties: [marker]);
                if (string.Equals(read?["properties"]?[marker]?.ToString(), value, StringComparison.OrdinalIgnoreCase)) confirmed++;
            }

            outcomes.Add(confirmed == contacts.Count
                ? CategoryOutcome.Held(HubSpotCategories.ContactProfile, step, confirmed)
                : CategoryOutcome.Failed(HubSpotCategories.ContactProfile, $"HubSpot accepted '{marker}' = {value} but {contacts.Count - confirmed} of {contacts.Count} contact(s) do not hold it; check them in HubSpot"));
        }

        return new SystemOutcome(
            outcomes,
            restrict
                ? $"{contacts.Count} contact(s) marked '{marker}' and opted out of all email; HubSpot confirmed both afterwards."
                : $"'{marker}' cleared on {contacts.Count} contact(s); email subscriptions stay opted out until the subject opts in again.");
    }
}
