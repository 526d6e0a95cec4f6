using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.HubSpot;

/// <summary>A contact that carries one of the subject's addresses, with all addresses HubSpot holds for it.</summary>
internal sealed record MatchedContact(string Id, IReadOnlyList<string> Emails);

/// <summary>What is linked to the subject's contacts, gathered once per operation.</summary>
internal sealed record ContactInventory(
    IReadOnlyList<MatchedContact> Contacts,
    IReadOnlyDictionary<string, IReadOnlyList<(string ContactId, HubSpotAssociation Link)>> Links,
    IReadOnlyList<(string ContactId, JObject Submission)> FormSubmissions,
    IReadOnlyList<(string Email, JObject Status)> Subscriptions)
{
    public IReadOnlyList<string> LinkedIds(string objectType) =>
        Links.TryGetValue(objectType, out var links) ? links.Select(l => l.Link.ToObjectId).Distinct().ToList() : [];
}

public sealed partial class HubSpotConnector
{
    private static readonly char[] AddressSeparators = [';', ','];

    /// <summary>
    /// Searches contacts whose primary email equals, or whose hs_additional_emails holds, one of the subject's
    /// addresses (two addresses per search: 4 filter groups of HubSpot's 5). Results are re-checked for an exact
    /// address match, so a loose token match can never make the connector act on someone else. The subject's
    /// HubSpot contact id, if the request carries one, is deliberately not trusted on its own.
    /// </summary>
    public async Task<IdentityResolution> ResolveAsync(SubjectIdentity subject, CancellationToken cancellationToken) =>
        Resolve(subject, await SearchContactsAsync(subject, cancellationToken));

    /// <summary>The contacts the identity rule accepts; two contacts (or one the primary address does not reach) are a conflict.</summary>
    private async Task<IReadOnlyList<MatchedContact>> FindContactsAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var contacts = await SearchContactsAsync(subject, cancellationToken);
        var accepted = IdentityConflictException.ThrowIfConflict(Resolve(subject, contacts)).Select(m => m.Record).ToHashSet(StringComparer.Ordinal);
        return contacts.Where(c => accepted.Contains(RecordOf(c))).ToList();
    }

    private static IdentityResolution Resolve(SubjectIdentity subject, IReadOnlyList<MatchedContact> contacts) =>
        IdentityResolution.Resolve(
            contacts.Select(c => new RecordMatch(
                RecordOf(c),
                HubSpotObjectTypes.Contacts,
                subject.AllEmails.Where(e => c.Emails.Contains(e.Trim(), StringComparer.OrdinalIgnoreCase)).Select(subject.EmailIdentifier).Distinct().ToList())),
            subject);

    private static string RecordOf(MatchedContact contact) => $"contact/{contact.Id}";

    private async Task<IReadOnlyList<MatchedContact>> SearchContactsAsync(SubjectIdentity subject, CancellationToken cancellationToken)
    {
        var wanted = subject.AllEmails.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var found = new Dictionary<string, MatchedContact>();
        foreach (var chunk in wanted.Chunk(2))
        {
            // Filter values are JSON strings (no query syntax to escape), but CONTAINS_TOKEN treats '*' as a wildcard:
            // an address with one is only looked up by EQ and by the direct read below.
            var groups = new JArray(chunk.SelectMany(email => email.Contains('*', StringComparison.Ordinal)
                ? new[] { Group("email", "EQ", email) }
                : [Group("email", "EQ", email), Group("hs_additional_emails", "CONTAINS_TOKEN", email)]));
            var request = new JObject
            {
                ["filterGroups"] = groups,
                ["properties"] = new JArray("email", "hs_additional_emails"),
                ["limit"] = 100,
            };
            await foreach (var contact in client.SearchAsync(HubSpotObjectTypes.Contacts, request, cancellationToken))
            {
                var id = contact["id"]?.ToString();
                var emails = EmailsOf(contact);
                if (id is null || !emails.Any(e => wanted.Contains(e, StringComparer.OrdinalIgnoreCase))) continue;
                found.TryAdd(id, new MatchedContact(id, emails));
            }
        }

        // HubSpot's search index lags behind writes by a few seconds; a direct read by email is consistent, so an
        // address search did not find is looked up once more before the subject is declared absent.
        foreach (var email in wanted.Where(e => !found.Values.Any(c => c.Emails.Contains(e, StringComparer.OrdinalIgnoreCase))))
        {
            var contact = await client.GetObjectAsync(HubSpotObjectTypes.Contacts, email, cancellationToken, idProperty: "email", properties: ["email", "hs_additional_emails"]);
            if (contact?["id"]?.ToString() is { } id) found.TryAdd(id, new MatchedContact(id, EmailsOf(contact)));
        }

        return found.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
    }

    private static JObject Group(string property, string op, string value) =>
        new() { ["filters"] = new JArray(new JObject { ["propertyName"] = property, ["operator"] = op, ["value"] = value }) };

    private static List<string> EmailsOf(JObject contact)
    {
        var properties = contact["properties"];
        var emails = new List<string>();
        if (properties?["email"]?.ToString() is { Length: > 0 } primary) emails.Add(primary.Trim());
        emails.AddRange((properties?["hs_additional_emails"]?.ToString() ?? "")
            .Split(AddressSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return emails.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task<ContactInventory> InventoryAsync(IReadOnlyList<MatchedContact> contacts, CancellationToken cancellationToken)
    {
        var links = new Dictionary<string, IReadOnlyList<(string, HubSpotAssociation)>>();
        foreach (var objectType in HubSpotObjectTypes.Linked)
        {
            var list = new List<(string, HubSpotAssociation)>();
            foreach (var contact in contacts)
            {
                foreach (var link in await client.ListAssociationsAsync(HubSpotObjectTypes.Contacts, contact.Id, objectType, cancellationToken))
                {
                    list.Add((contact.Id, link));
                }
            }

            links[objectType] = list;
        }

        var submissions = new List<(string, JObject)>();
        foreach (var contact in contacts)
        {
            var profile = await client.GetContactProfileAsync(contact.Id, cancellationToken);
            submissions.AddRange((profile?["form-submissions"] as JArray ?? []).OfType<JObject>().Select(s => (contact.Id, s)));
        }

        var subscriptions = new List<(string, JObject)>();
        foreach (var email in contacts.SelectMany(c => c.Emails).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            subscriptions.AddRange((await client.GetSubscriptionStatusesAsync(email, cancellationToken)).Select(s => (email, s)));
        }

        return new ContactInventory(contacts, links, submissions, subscriptions);
    }
}
