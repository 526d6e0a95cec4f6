using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.HubSpot;

public sealed partial class HubSpotConnector
{
    /// <summary>
    /// GDPR-deletes every matched contact (permanent; HubSpot also removes the contact's form submissions, statuses and
    /// the engagements that concern no one else, and blocklists the addresses), then checks each of those is gone.
    /// Companies, deals and tickets are retained under their configured legal basis (or archived, if configured and
    /// they concern only this subject). With no match, the addresses are still sent to GDPR delete when
    /// <see cref="HubSpotOptions.BlocklistUnknownAddressesOnErase"/> is set, and the outcome says they were blocklisted.
    /// </summary>
    public async Task<SystemOutcome> EraseAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var contacts = await FindContactsAsync(subject, cancellationToken);
        HubSpotLog.Matched(logger, "erase", contacts.Count);
        if (contacts.Count == 0) return await EraseUnknownAsync(subject, cancellationToken);

        var inventory = await InventoryAsync(contacts, cancellationToken);
        var outcomes = new List<CategoryOutcome>();

        // Business records first: their links to the contact disappear with the GDPR delete.
        foreach (var category in HubSpotCategories.BusinessRecords)
        {
            outcomes.AddRange(await SettleBusinessRecordsAsync(inventory, category, cancellationToken));
        }

        foreach (var contact in contacts) await client.GdprDeleteContactAsync(contact.Id, idProperty: null, cancellationToken);

        outcomes.Add(await ConfirmContactsGoneAsync(contacts, cancellationToken));
        outcomes.AddRange(await ConfirmEngagementsAsync(inventory, cancellationToken));
        if (inventory.FormSubmissions.Count > 0) outcomes.Add(await ConfirmFormSubmissionsGoneAsync(inventory, cancellationToken));
        if (inventory.Subscriptions.Count > 0) outcomes.Add(await ConfirmSubscriptionsGoneAsync(inventory, cancellationToken));

        return new SystemOutcome(
            outcomes,
            "HubSpot's GDPR delete removed the contact permanently; its email addresses are on HubSpot's blocklist and cannot be imported again.")
        {
            Caveats = [Caveat.AddressBlocklisted],
        };
    }

    private async Task<SystemOutcome> EraseUnknownAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        if (!settings.BlocklistUnknownAddressesOnErase)
        {
            return new SystemOutcome(
                [CategoryOutcome.NotFound(HubSpotCategories.ContactProfile)],
                "No HubSpot contact has the subject's email addresses; nothing was deleted and no address was blocklisted.");
        }

        var addresses = subject.AllEmails.Where(e => e.Trim().Length > 0).ToList();
        foreach (var email in addresses) await client.GdprDeleteContactAsync(email.Trim(), "email", cancellationToken);
        return new SystemOutcome(
            [CategoryOutcome.NotFound(HubSpotCategories.ContactProfile)],
            $"No HubSpot contact has the subject's email addresses, so nothing was deleted. HubSpot was still sent a GDPR delete for the {addresses.Count} address(es), which puts them on its blocklist: they cannot be created or imported in HubSpot again.")
        {
            Caveats = [Caveat.AddressBlocklisted],
        };
    }

    private async Task<IReadOnlyList<CategoryOutcome>> SettleBusinessRecordsAsync(ContactInventory inventory, string category, CancellationToken cancellationToken)
    {
        var ids = inventory.LinkedIds(category);
        if (ids.Count == 0) return [];
        var policy = settings.Policy(category);
        if (policy.Erasure == HubSpotErasure.Retain)
        {
            // The keys let the nightly deferred erasure archive them when the retention ends: by then the GDPR delete
            // has removed their links to the contact.
            return [CategoryOutcome.Retained(category, ids.Count, policy.LegalBasis, RetainedUntil(policy), policy.Purpose) with { RecordKeys = [.. ids] }];
        }

        var ours = inventory.Contacts.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var archived = 0;
        var shared = new List<string>();
        foreach (var id in ids)
        {
            var people = await client.ListAssociationsAsync(category, id, HubSpotObjectTypes.Contacts, cancellationToken);
            if (people.Any(p => !ours.Contains(p.ToObjectId)))
            {
                shared.Add(id);
                continue;
            }

            await client.ArchiveAsync(category, id, cancellationToken);
            archived++;
        }

        var outcomes = new List<CategoryOutcome>();
        if (archived > 0) outcomes.Add(new CategoryOutcome(category, OutcomeKind.Erased, archived, policy.Purpose, policy.LegalBasis));
        if (shared.Count > 0)
        {
            outcomes.Add(CategoryOutcome.Retained(category, shared.Count, policy.LegalBasis, RetainedUntil(policy), policy.Purpose)
                with { Reason = $"{shared.Count} record(s) also concern other people and were kept; the subject's link to them was removed" });
        }

        return outcomes;
    }

    private async Task<CategoryOutcome> ConfirmContactsGoneAsync(IReadOnlyList<MatchedContact> contacts, CancellationToken cancellationToken)
    {
        var remaining = new List<string>();
        foreach (var contact in contacts)
        {
            var stillThere = await client.GetObjectAsync(HubSpotObjectTypes.Contacts, contact.Id, cancellationToken) is not null;
            foreach (var email in contact.Emails)
            {
                stillThere |= await client.GetObjectAsync(HubSpotObjectTypes.Contacts, email, cancellationToken, idProperty: "email") is not null;
            }

            if (stillThere) remaining.Add(contact.Id);
            else HubSpotLog.Erased(logger, contact.Id);
        }

        var policy = settings.Policy(HubSpotCategories.ContactProfile);
        return remaining.Count == 0
            ? new CategoryOutcome(HubSpotCategories.ContactProfile, OutcomeKind.Erased, contacts.Count, policy.Purpose, policy.LegalBasis)
            : CategoryOutcome.Failed(
                HubSpotCategories.ContactProfile,
                $"HubSpot still returns contact(s) {string.Join(", ", remaining)} after GDPR delete; run the erasure again or permanently delete them in HubSpot");
    }

    private async Task<IReadOnlyList<CategoryOutcome>> ConfirmEngagementsAsync(ContactInventory inventory, CancellationToken cancellationToken)
    {
        var total = 0;
        var kept = new List<string>();
        foreach (var objectType in HubSpotObjectTypes.Engagements)
        {
            var ids = inventory.LinkedIds(objectType);
            if (ids.Count == 0) continue;
            total += ids.Count;
            var remaining = await client.BatchReadAsync(objectType, ids, ["hs_object_id"], cancellationToken);
            kept.AddRange(remaining.Select(r => $"{objectType[..^1]} {r["id"]}"));
        }

        if (total == 0) return [];
        var policy = settings.Policy(HubSpotCategories.Engagements);
        var outcomes = new List<CategoryOutcome>();
        if (total > kept.Count)
        {
            outcomes.Add(new CategoryOutcome(HubSpotCategories.Engagements, OutcomeKind.Erased, total - kept.Count, policy.Purpose, policy.LegalBasis));
        }

        if (kept.Count > 0)
        {
            outcomes.Add(CategoryOutcome.ManualAction(
                HubSpotCategories.Engagements,
                $"{kept.Count} engagement(s) also concern other contacts, so HubSpot kept them ({string.Join(", ", kept.Take(20))}{(kept.Count > 20 ? ", …" : "")}). Review them in HubSpot and remove the subject's data by hand.")
                with { RecordCount = kept.Count });
        }

        return outcomes;
    }

    private async Task<CategoryOutcome> ConfirmFormSubmissionsGoneAsync(ContactInventory inventory, CancellationToken cancellationToken)
    {
        var conversions = inventory.FormSubmissions.Select(s => s.Submission["conversion-id"]?.ToString()).ToHashSet(StringComparer.Ordinal);
        var remaining = 0;
        foreach (var formId in inventory.FormSubmissions.Select(s => s.Submission["form-id"]?.ToString() ?? "").Distinct())
        {
            await foreach (var submission in client.ListFormSubmissionsAsync(formId, cancellationToken))
            {
                if (conversions.Contains(submission["conversionId"]?.ToString())) remaining++;
            }
        }

        var policy = settings.Policy(HubSpotCategories.FormSubmissions);
        return remaining == 0
            ? new CategoryOutcome(HubSpotCategories.FormSubmissions, OutcomeKind.Erased, inventory.FormSubmissions.Count, policy.Purpose, policy.LegalBasis)
            : CategoryOutcome.Failed(HubSpotCategories.FormSubmissions, $"HubSpot still lists {remaining} of the subject's form submission(s) after GDPR delete; delete them in HubSpot by hand");
    }

    private async Task<CategoryOutcome> ConfirmSubscriptionsGoneAsync(ContactInventory inventory, CancellationToken cancellationToken)
    {
        var stillSubscribed = 0;
        foreach (var email in inventory.Subscriptions.Select(s => s.Email).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            stillSubscribed += (await client.GetSubscriptionStatusesAsync(email, cancellationToken)).Count(IsSubscribed);
        }

        var policy = settings.Policy(HubSpotCategories.MarketingSubscriptions);
        return stillSubscribed == 0
            ? new CategoryOutcome(HubSpotCategories.MarketingSubscriptions, OutcomeKind.Erased, inventory.Subscriptions.Count, policy.Purpose, policy.LegalBasis)
            : CategoryOutcome.Failed(HubSpotCategories.MarketingSubscriptions, $"HubSpot still reports {stillSubscribed} subscription(s) as SUBSCRIBED after GDPR delete");
    }
}
