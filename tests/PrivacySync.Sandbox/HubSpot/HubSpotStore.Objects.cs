using System.Globalization;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

internal sealed partial class HubSpotStore
{
    /// <summary>Creates one object (POST /crm/v3/objects/{type}); inputs are validated before anything is stored.</summary>
    public CrmRecord Create(ObjectTypeInfo type, JObject input, string sourceType = "API")
    {
        lock (Sync)
        {
            var properties = ValidateCreate(type, input, pendingEmails: null);
            var associations = ValidateAssociations(type, input["associations"]);
            return Insert(type, properties, associations, sourceType);
        }
    }

    /// <summary>Creates up to 100 objects at once; like HubSpot, one invalid input fails the whole batch.</summary>
    public IReadOnlyList<CrmRecord> CreateBatch(ObjectTypeInfo type, JArray inputs)
    {
        lock (Sync)
        {
            var pendingEmails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var validated = inputs.OfType<JObject>()
                .Select(input => (Properties: ValidateCreate(type, input, pendingEmails), Associations: ValidateAssociations(type, input["associations"])))
                .ToList();
            return validated.Select(v => Insert(type, v.Properties, v.Associations, "API")).ToList();
        }
    }

    public CrmRecord Update(ObjectTypeInfo type, string id, string? idProperty, JObject input)
    {
        lock (Sync)
        {
            var record = Get(type, id, idProperty);
            var properties = ReadProperties(type, input["properties"] as JObject);
            if (type.Name == "contacts" && properties.TryGetValue("email", out var newEmail) && newEmail is not null)
            {
                ValidateEmail(newEmail);
                if (contactsByEmail.TryGetValue(newEmail, out var owner) && owner != record.Id)
                {
                    throw new SandboxApiException(409, "CONFLICT", $"Contact already exists. Existing ID: {owner}");
                }

                if (record.Value("email") is { } oldEmail) contactsByEmail.Remove(oldEmail);
                contactsByEmail[newEmail] = record.Id;
            }

            var now = Now;
            foreach (var (name, value) in properties) record.Set(name, value, now, "API");
            Touch(record, now);
            return record;
        }
    }

    /// <summary>Moves an object to the recycle bin (DELETE /crm/v3/objects/{type}/{id}); restorable, unlike gdpr-delete.</summary>
    public void Archive(ObjectTypeInfo type, string id)
    {
        lock (Sync)
        {
            if (!long.TryParse(id, out var numeric) || Find(type, numeric) is not { } record)
            {
                return; // HubSpot answers 204 for an id that is already gone.
            }

            record.ArchivedAt = Now;
            if (type.Name == "contacts" && record.Value("email") is { } email) contactsByEmail.Remove(email);
        }
    }

    /// <summary>Restores an archived object (HubSpot does this from the recycle bin; the sandbox exposes it under /__sandbox).</summary>
    public CrmRecord Restore(ObjectTypeInfo type, string id)
    {
        lock (Sync)
        {
            var record = long.TryParse(id, out var numeric) ? Find(type, numeric, includeArchived: true) : null;
            if (record?.ArchivedAt is null) throw SandboxApiException.NotFound("No archived object with that id.");
            if (type.Name == "contacts" && record.Value("email") is { } email)
            {
                if (contactsByEmail.ContainsKey(email)) throw new SandboxApiException(409, "CONFLICT", "An active contact already has this email.");
                contactsByEmail[email] = record.Id;
            }

            record.ArchivedAt = null;
            return record;
        }
    }

    private Dictionary<string, string?> ValidateCreate(ObjectTypeInfo type, JObject input, HashSet<string>? pendingEmails)
    {
        var properties = ReadProperties(type, input["properties"] as JObject);
        if (type.Name != "contacts") return properties;

        if (properties.TryGetValue("email", out var email) && !string.IsNullOrWhiteSpace(email))
        {
            email = email.Trim();
            properties["email"] = email;
            ValidateEmail(email);
            if (contactsByEmail.TryGetValue(email, out var existing))
            {
                throw new SandboxApiException(409, "CONFLICT", $"Contact already exists. Existing ID: {existing}");
            }

            if (pendingEmails is not null && !pendingEmails.Add(email))
            {
                throw new SandboxApiException(409, "CONFLICT", "Duplicate email in batch input.");
            }
        }

        foreach (var address in AllEmails(properties))
        {
            if (blocklist.Contains(address))
            {
                // Sandbox choice (documented): the CRM objects API refuses addresses on the GDPR blocklist; a form
                // submission still re-adds them, as HubSpot's privacy documentation describes.
                throw SandboxApiException.Validation(
                    "Property values were not valid: the email address belongs to a permanently deleted (GDPR) contact and is blocklisted",
                    "BLOCKLISTED_EMAIL",
                    "email");
            }
        }

        return properties;
    }

    private static IEnumerable<string> AllEmails(Dictionary<string, string?> properties)
    {
        if (properties.TryGetValue("email", out var email) && !string.IsNullOrWhiteSpace(email)) yield return email.Trim();
        if (properties.TryGetValue("hs_additional_emails", out var extra) && extra is not null)
        {
            foreach (var address in extra.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) yield return address;
        }
    }

    private static void ValidateEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == email.Length - 1 || email.Contains(' ', StringComparison.Ordinal))
        {
            throw SandboxApiException.Validation("Property values were not valid: invalid email address", "INVALID_EMAIL", "email");
        }
    }

    private Dictionary<string, string?> ReadProperties(ObjectTypeInfo type, JObject? json)
    {
        var known = PropertiesOf(type).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var errors = new JArray();
        foreach (var property in json?.Properties() ?? [])
        {
            if (!known.TryGetValue(property.Name, out var definition))
            {
                errors.Add(new JObject
                {
                    ["isValid"] = false,
                    ["message"] = $"Property \"{property.Name}\" does not exist",
                    ["error"] = "PROPERTY_DOESNT_EXIST",
                    ["name"] = property.Name,
                });
                continue;
            }

            if (definition.ReadOnly) continue; // HubSpot silently ignores writes to calculated properties.
            result[definition.Name] = property.Value.Type == JTokenType.Null
                ? null
                : Convert.ToString(property.Value is JValue v ? v.Value : property.Value.ToString(), CultureInfo.InvariantCulture);
        }

        if (errors.Count > 0)
        {
            throw new SandboxApiException(400, "VALIDATION_ERROR", "Property values were not valid: " + errors.ToString(Newtonsoft.Json.Formatting.None));
        }

        return result;
    }

    private List<(AssociationDefinition Definition, CrmRecord Target)> ValidateAssociations(ObjectTypeInfo type, JToken? json)
    {
        var result = new List<(AssociationDefinition, CrmRecord)>();
        foreach (var association in (json as JArray ?? []).OfType<JObject>())
        {
            var toId = association["to"]?["id"]?.ToString();
            foreach (var spec in (association["types"] as JArray ?? []).OfType<JObject>())
            {
                var typeId = spec["associationTypeId"]?.Value<int>() ?? throw SandboxApiException.Validation("associationTypeId is required");
                var definition = AssociationDefinitions.FindFrom(type.Name, typeId);
                var target = long.TryParse(toId, out var numeric) ? Find(ObjectTypes.Resolve(definition.To), numeric) : null;
                if (target is null)
                {
                    throw SandboxApiException.Validation($"No {definition.To} with id {toId} exists to associate with", "INVALID_ASSOCIATION", "associations");
                }

                result.Add((definition, target));
            }
        }

        return result;
    }

    private CrmRecord Insert(ObjectTypeInfo type, Dictionary<string, string?> properties, List<(AssociationDefinition Definition, CrmRecord Target)> associations, string sourceType)
    {
        var now = Now;
        var record = new CrmRecord(++nextId, type, now);
        foreach (var (name, value) in properties)
        {
            if (value is not null) record.Set(name, value, now, sourceType);
        }

        record.Set("hs_object_id", record.Id.ToString(CultureInfo.InvariantCulture), now, "CALCULATED");
        record.Set("createdate", HubSpotJson.Timestamp(now), now, "CALCULATED");
        if (type.IsEngagement) record.Set("hs_createdate", HubSpotJson.Timestamp(now), now, "CALCULATED");
        Touch(record, now);
        records[type.Name][record.Id] = record;
        if (type.Name == "contacts" && record.Value("email") is { } email) contactsByEmail[email] = record.Id;
        foreach (var (definition, target) in associations) Associate(record, target, definition);
        return record;
    }

    private static void Touch(CrmRecord record, DateTimeOffset now)
    {
        record.UpdatedAt = now;
        record.Set(record.Type.LastModifiedProperty, HubSpotJson.Timestamp(now), now, "CALCULATED");
    }
}
