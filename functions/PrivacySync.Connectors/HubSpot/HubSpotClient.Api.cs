using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Connectors.HubSpot;

/// <summary>The HubSpot operations the connector uses, each a documented endpoint.</summary>
public sealed partial class HubSpotClient
{
    private const int BatchReadLimit = 100;
    private const int SearchPageLimit = 100;

    private static string Escape(string value) => Uri.EscapeDataString(value);

    /// <summary>POST /crm/v3/objects/{type}/search, following paging.next.after until the last page.</summary>
    public async IAsyncEnumerable<JObject> SearchAsync(string objectType, JObject request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var body = (JObject)request.DeepClone();
        body["limit"] ??= SearchPageLimit;
        while (true)
        {
            var response = await SendAsync(HttpMethod.Post, $"crm/v3/objects/{objectType}/search", body, $"{objectType} search", cancellationToken, isSearch: true);
            foreach (var result in (response.Json?["results"] as JArray ?? []).OfType<JObject>()) yield return result;
            var after = response.Json?["paging"]?["next"]?["after"]?.ToString();
            if (string.IsNullOrEmpty(after)) yield break;
            body["after"] = after;
        }
    }

    /// <summary>GET /crm/v3/objects/{type}/{id}; null when HubSpot answers 404.</summary>
    public async Task<JObject?> GetObjectAsync(string objectType, string id, CancellationToken cancellationToken, string? idProperty = null, IEnumerable<string>? properties = null)
    {
        var query = new List<string>();
        if (idProperty is not null) query.Add("idProperty=" + Escape(idProperty));
        if (properties is not null) query.Add("properties=" + Escape(string.Join(',', properties)));
        var path = $"crm/v3/objects/{objectType}/{Escape(id)}" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var response = await SendAsync(HttpMethod.Get, path, null, $"{objectType} read", cancellationToken, allowNotFound: true);
        return response.StatusCode == 404 ? null : response.Json;
    }

    /// <summary>
    /// POST /crm/v3/objects/{type}/batch/read in chunks of 100. Ids HubSpot no longer has (207 errors) are left out.
    /// </summary>
    public async Task<IReadOnlyList<JObject>> BatchReadAsync(
        string objectType, IReadOnlyCollection<string> ids, IReadOnlyList<string> properties, CancellationToken cancellationToken, IReadOnlyList<string>? propertiesWithHistory = null)
    {
        var results = new List<JObject>();
        foreach (var chunk in ids.Distinct().Chunk(BatchReadLimit))
        {
            var body = new JObject
            {
                ["properties"] = new JArray(properties),
                ["inputs"] = new JArray(chunk.Select(id => new JObject { ["id"] = id })),
            };
            if (propertiesWithHistory is { Count: > 0 }) body["propertiesWithHistory"] = new JArray(propertiesWithHistory);
            var response = await SendAsync(HttpMethod.Post, $"crm/v3/objects/{objectType}/batch/read", body, $"{objectType} batch read", cancellationToken);
            results.AddRange((response.Json?["results"] as JArray ?? []).OfType<JObject>());
        }

        return results;
    }

    /// <summary>
    /// PATCH /crm/v3/objects/{type}/{id} with {"properties": …}: overwrites the given properties. Null when HubSpot
    /// refuses the values (400: a property that does not exist or is read-only) — the error's message, which names the
    /// property and never the value, is then returned instead; 404 (the record is gone) also answers with a message.
    /// </summary>
    public async Task<(JObject? Updated, string? Refusal)> UpdateObjectAsync(string objectType, string id, JObject properties, CancellationToken cancellationToken)
    {
        var response = await SendAsync(
            new HttpMethod("PATCH"), $"crm/v3/objects/{objectType}/{Escape(id)}", new JObject { ["properties"] = properties }, $"{objectType} update", cancellationToken,
            allowNotFound: true, allowValidationError: true);
        return response.StatusCode switch
        {
            404 => (null, "HubSpot no longer has the record"),
            400 => (null, $"HubSpot refused the property ({response.Category}: {ErrorNames(response)})"),
            _ => (response.Json, null),
        };
    }

    // The property names HubSpot's validation error lists (errors[].context.propertyName or errors[].name); no values.
    private static string ErrorNames(HubSpotResponse response)
    {
        var names = (response.Json?["errors"] as JArray ?? [])
            .OfType<JObject>()
            .Select(e => e["name"]?.ToString() ?? (e["context"]?["propertyName"] as JArray)?.FirstOrDefault()?.ToString() ?? e["code"]?.ToString())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return names.Count == 0 ? "no details" : string.Join(", ", names);
    }

    /// <summary>
    /// POST /crm/v3/properties/{type}: creates a single-checkbox property in PrivacySync's group; true when it exists
    /// afterwards (created now, or 409: it already did).
    /// </summary>
    public async Task<bool> EnsureCheckboxPropertyAsync(string objectType, string name, string label, CancellationToken cancellationToken)
    {
        var response = await SendAsync(
            HttpMethod.Post, $"crm/v3/properties/{objectType}",
            new JObject { ["name"] = name, ["label"] = label, ["type"] = "bool", ["fieldType"] = "booleancheckbox", ["groupName"] = "contactinformation",
                ["options"] = new JArray(new JObject { ["label"] = "Yes", ["value"] = "true" }, new JObject { ["label"] = "No", ["value"] = "false" }) },
            $"{objectType} property", cancellationToken, allowConflict: true);
        return response.IsSuccess || response.StatusCode == 409;
    }

    /// <summary>DELETE /crm/v3/objects/{type}/{id}: moves the record to HubSpot's recycle bin.</summary>
    public Task ArchiveAsync(string objectType, string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"crm/v3/objects/{objectType}/{Escape(id)}", null, $"{objectType} archive", cancellationToken, allowNotFound: true);

    /// <summary>GET /crm/v4/objects/{type}/{id}/associations/{toType}, all pages.</summary>
    public async Task<IReadOnlyList<HubSpotAssociation>> ListAssociationsAsync(string objectType, string id, string toObjectType, CancellationToken cancellationToken)
    {
        var results = new List<HubSpotAssociation>();
        string? after = null;
        do
        {
            var path = $"crm/v4/objects/{objectType}/{Escape(id)}/associations/{toObjectType}?limit={options.AssociationPageSize}"
                       + (after is null ? "" : "&after=" + Escape(after));
            var response = await SendAsync(HttpMethod.Get, path, null, $"{objectType}→{toObjectType} associations", cancellationToken, allowNotFound: true);
            if (response.StatusCode == 404) break;
            foreach (var item in (response.Json?["results"] as JArray ?? []).OfType<JObject>())
            {
                var types = (item["associationTypes"] as JArray ?? []).OfType<JObject>().ToList();
                results.Add(new HubSpotAssociation(
                    item["toObjectId"]?.ToString() ?? "",
                    types.Select(t => t["typeId"]?.Value<int>() ?? 0).ToList(),
                    types.Select(t => t["label"]?.ToString()).Where(l => !string.IsNullOrEmpty(l)).Select(l => l!).ToList()));
            }

            after = response.Json?["paging"]?["next"]?["after"]?.ToString();
        }
        while (!string.IsNullOrEmpty(after));

        return results;
    }

    /// <summary>GET /crm/v3/properties/{type}: name → label of every property.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetPropertyLabelsAsync(string objectType, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, $"crm/v3/properties/{objectType}", null, $"{objectType} properties", cancellationToken);
        return (response.Json?["results"] as JArray ?? []).OfType<JObject>()
            .Where(p => p["name"] is not null)
            .GroupBy(p => p["name"]!.ToString())
            .ToDictionary(g => g.Key, g => g.First()["label"]?.ToString() ?? g.Key);
    }

    /// <summary>POST /crm/v3/objects/contacts/gdpr-delete (204): permanent; an unknown email is blocklisted.</summary>
    public Task GdprDeleteContactAsync(string objectId, string? idProperty, CancellationToken cancellationToken)
    {
        var body = new JObject { ["objectId"] = objectId };
        if (idProperty is not null) body["idProperty"] = idProperty;
        return SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/gdpr-delete", body, "contact GDPR delete", cancellationToken, allowNotFound: true);
    }

    /// <summary>GET /contacts/v1/contact/vid/{id}/profile: the contact's form submissions as HubSpot lists them; null on 404.</summary>
    public async Task<JObject?> GetContactProfileAsync(string contactId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(
            HttpMethod.Get, $"contacts/v1/contact/vid/{Escape(contactId)}/profile?formSubmissionMode=all&showListMemberships=false", null, "contact profile", cancellationToken, allowNotFound: true);
        return response.StatusCode == 404 ? null : response.Json;
    }

    /// <summary>GET /form-integrations/v1/submissions/forms/{formGuid}, all pages (50 per page, HubSpot's maximum).</summary>
    public async IAsyncEnumerable<JObject> ListFormSubmissionsAsync(string formGuid, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var path = $"form-integrations/v1/submissions/forms/{Escape(formGuid)}?limit=50" + (after is null ? "" : "&after=" + Escape(after));
            var response = await SendAsync(HttpMethod.Get, path, null, "form submissions", cancellationToken, allowNotFound: true);
            if (response.StatusCode == 404) yield break;
            foreach (var item in (response.Json?["results"] as JArray ?? []).OfType<JObject>()) yield return item;
            after = response.Json?["paging"]?["next"]?["after"]?.ToString();
        }
        while (!string.IsNullOrEmpty(after));
    }

    /// <summary>GET /communication-preferences/v3/status/email/{email}: the address's subscription statuses.</summary>
    public async Task<IReadOnlyList<JObject>> GetSubscriptionStatusesAsync(string email, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, $"communication-preferences/v3/status/email/{Escape(email)}", null, "subscription status", cancellationToken, allowNotFound: true);
        return (response.Json?["subscriptionStatuses"] as JArray ?? []).OfType<JObject>().ToList();
    }

    /// <summary>POST /communication-preferences/v4/statuses/{email}/unsubscribe-all?channel=EMAIL: opt out of all email.</summary>
    public Task UnsubscribeAllAsync(string email, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"communication-preferences/v4/statuses/{Escape(email)}/unsubscribe-all?channel=EMAIL&verbose=true", null, "unsubscribe all", cancellationToken);

    /// <summary>GET /communication-preferences/v4/statuses/{email}/unsubscribe-all?channel=EMAIL: whether the address opted out of all.</summary>
    public async Task<bool> IsUnsubscribedFromAllAsync(string email, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, $"communication-preferences/v4/statuses/{Escape(email)}/unsubscribe-all?channel=EMAIL", null, "unsubscribe-all status", cancellationToken);
        return (response.Json?["results"] as JArray ?? []).OfType<JObject>()
            .Any(r => string.Equals(r["status"]?.ToString(), "NOT_SUBSCRIBED", StringComparison.OrdinalIgnoreCase));
    }
}
