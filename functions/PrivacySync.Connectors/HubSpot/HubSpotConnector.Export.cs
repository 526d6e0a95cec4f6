using System.Globalization;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.HubSpot;

public sealed partial class HubSpotConnector
{
    /// <summary>
    /// Streams, category by category: the contact with every property (current values, then each earlier value from
    /// the property history), the subject's link to companies, deals and tickets (not those records' other people),
    /// the engagements on the contact, form submissions with the values sent, and subscription statuses.
    /// </summary>
    public async IAsyncEnumerable<ExportRecord> ExportAsync(SubjectIdentity subject, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var contacts = await FindContactsAsync(subject, cancellationToken);
        HubSpotLog.Matched(logger, "export", contacts.Count);
        if (contacts.Count == 0) yield break;

        await foreach (var record in ExportProfilesAsync(contacts, cancellationToken)) yield return record;

        var inventory = await InventoryAsync(contacts, cancellationToken);
        foreach (var objectType in HubSpotObjectTypes.Linked)
        {
            await foreach (var record in ExportLinkedAsync(inventory, objectType, cancellationToken)) yield return record;
        }

        await foreach (var record in ExportFormSubmissionsAsync(inventory, cancellationToken)) yield return record;

        var subscriptions = settings.Policy(HubSpotCategories.MarketingSubscriptions);
        foreach (var (email, status) in inventory.Subscriptions)
        {
            yield return Record(HubSpotCategories.MarketingSubscriptions, subscriptions, "HubSpot communication preferences", new JObject
            {
                ["Email address"] = email,
                ["Subscription"] = status["name"]?.ToString(),
                ["Status"] = status["status"]?.ToString(),
                ["Legal basis recorded in HubSpot"] = status["legalBasis"]?.ToString(),
                ["Legal basis explanation"] = status["legalBasisExplanation"]?.ToString(),
                ["Source of status"] = status["sourceOfStatus"]?.ToString(),
            });
        }
    }

    private async IAsyncEnumerable<ExportRecord> ExportProfilesAsync(IReadOnlyList<MatchedContact> contacts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var policy = settings.Policy(HubSpotCategories.ContactProfile);
        var labels = await client.GetPropertyLabelsAsync(HubSpotObjectTypes.Contacts, cancellationToken);
        var names = labels.Keys.ToList();
        var read = await client.BatchReadAsync(HubSpotObjectTypes.Contacts, contacts.Select(c => c.Id).ToList(), names, cancellationToken, propertiesWithHistory: names);
        foreach (var contact in read)
        {
            var source = $"HubSpot contact {contact["id"]}";
            var fields = new JObject { ["HubSpot id"] = contact["id"]?.ToString() };
            foreach (var property in (contact["properties"] as JObject ?? []).Properties())
            {
                if (property.Value.Type == JTokenType.Null || property.Value.ToString().Length == 0) continue;
                fields[labels.GetValueOrDefault(property.Name, property.Name)] = property.Value.ToString();
            }

            yield return Record(HubSpotCategories.ContactProfile, policy, source, fields);

            // Earlier values: HubSpot lists history newest first, so everything after the first entry is past.
            foreach (var property in (contact["propertiesWithHistory"] as JObject ?? []).Properties())
            {
                foreach (var version in (property.Value as JArray ?? []).OfType<JObject>().Skip(1))
                {
                    yield return Record(HubSpotCategories.ContactProfile, policy, source, new JObject
                    {
                        ["Property"] = labels.GetValueOrDefault(property.Name, property.Name),
                        ["Earlier value"] = version["value"]?.ToString(),
                        ["Set at"] = version["timestamp"]?.ToString(),
                        ["Set by"] = version["sourceType"]?.ToString(),
                    });
                }
            }
        }
    }

    private async IAsyncEnumerable<ExportRecord> ExportLinkedAsync(ContactInventory inventory, string objectType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = inventory.LinkedIds(objectType);
        if (ids.Count == 0) yield break;

        var isEngagement = HubSpotObjectTypes.Engagements.Contains(objectType);
        var category = isEngagement ? HubSpotCategories.Engagements : objectType;
        var policy = settings.Policy(category);
        var properties = HubSpotObjectTypes.ExportedProperties[objectType];
        var labelsById = inventory.Links[objectType]
            .GroupBy(l => l.Link.ToObjectId)
            .ToDictionary(g => g.Key, g => g.SelectMany(l => l.Link.Labels).Distinct().ToList());
        foreach (var item in await client.BatchReadAsync(objectType, ids, properties.Select(p => p.Property).ToList(), cancellationToken))
        {
            var id = item["id"]?.ToString() ?? "";
            var fields = new JObject { ["Type"] = HubSpotObjectTypes.Singular[objectType], ["HubSpot id"] = id };
            if (!isEngagement)
            {
                var roles = labelsById.GetValueOrDefault(id) ?? [];
                fields["Your link to it"] = roles.Count > 0 ? string.Join(", ", roles) : "Associated";
            }

            foreach (var (property, label) in properties)
            {
                if (item["properties"]?[property]?.ToString() is { Length: > 0 } value) fields[label] = value;
            }

            yield return Record(category, policy, $"HubSpot {objectType[..^1]} {id}", fields);
        }
    }

    /// <summary>
    /// The contact profile lists which forms were submitted; the values sent are read from the form's submission list
    /// and matched by conversion id.
    /// </summary>
    private async IAsyncEnumerable<ExportRecord> ExportFormSubmissionsAsync(ContactInventory inventory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var policy = settings.Policy(HubSpotCategories.FormSubmissions);
        foreach (var form in inventory.FormSubmissions.GroupBy(s => s.Submission["form-id"]?.ToString() ?? ""))
        {
            var wanted = form.ToDictionary(s => s.Submission["conversion-id"]?.ToString() ?? "", s => s.Submission);
            var values = new Dictionary<string, JArray>();
            await foreach (var submission in client.ListFormSubmissionsAsync(form.Key, cancellationToken))
            {
                var conversionId = submission["conversionId"]?.ToString() ?? "";
                if (wanted.ContainsKey(conversionId)) values[conversionId] = submission["values"] as JArray ?? [];
                if (values.Count == wanted.Count) break;
            }

            foreach (var (conversionId, summary) in wanted)
            {
                var fields = new JObject
                {
                    ["Form"] = summary["title"]?.ToString(),
                    ["Submitted at"] = summary["timestamp"]?.Value<long?>() is { } ms
                        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                        : null,
                    ["Page"] = summary["page-url"]?.ToString(),
                };
                foreach (var value in (values.GetValueOrDefault(conversionId) ?? []).OfType<JObject>())
                {
                    var name = value["name"]?.ToString();
                    if (!string.IsNullOrEmpty(name)) fields["Field " + name] = value["value"]?.ToString();
                }

                yield return Record(HubSpotCategories.FormSubmissions, policy, $"HubSpot form {form.Key}", fields);
            }
        }
    }

    private static ExportRecord Record(string category, HubSpotCategoryPolicy policy, string source, JObject fields) =>
        new(category, policy.Purpose, policy.LegalBasis, source, policy.Retention, fields);
}
