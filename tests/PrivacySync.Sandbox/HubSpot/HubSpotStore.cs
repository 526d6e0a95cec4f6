using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>
/// The simulated account's whole state, in memory. Every read and write holds <see cref="Sync"/>, so the store is
/// safe under Kestrel's concurrency; handlers render their JSON while holding it and write the response after.
/// </summary>
internal sealed partial class HubSpotStore(TimeProvider time, HubSpotSandboxOptions options, SandboxStats stats)
{
    private readonly Dictionary<string, SortedDictionary<long, CrmRecord>> records =
        ObjectTypes.ByName.Keys.ToDictionary(k => k, _ => new SortedDictionary<long, CrmRecord>(), StringComparer.OrdinalIgnoreCase);

    // Active contacts by primary email (lower case); HubSpot keeps email unique per account.
    private readonly Dictionary<string, long> contactsByEmail = new(StringComparer.OrdinalIgnoreCase);

    // GDPR-deleted (and unknown-but-GDPR-deleted) addresses; HubSpot refuses to re-create them.
    private readonly HashSet<string> blocklist = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, List<PropertyDefinition>> customProperties = new(StringComparer.OrdinalIgnoreCase);

    private long nextId = 1000;

    public Lock Sync { get; } = new();

    public DateTimeOffset Now => time.GetUtcNow();

    public HubSpotSandboxOptions Options => options;

    public bool IsBlocklisted(string email)
    {
        lock (Sync) return blocklist.Contains(email.Trim());
    }

    public IReadOnlyList<PropertyDefinition> PropertiesOf(ObjectTypeInfo type) =>
        customProperties.TryGetValue(type.Name, out var custom) ? [.. type.Properties, .. custom] : type.Properties;

    public PropertyDefinition AddProperty(ObjectTypeInfo type, PropertyDefinition definition)
    {
        lock (Sync)
        {
            if (PropertiesOf(type).Any(p => string.Equals(p.Name, definition.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new SandboxApiException(409, "OBJECT_ALREADY_EXISTS", $"A property named '{definition.Name}' already exists.");
            }

            if (!customProperties.TryGetValue(type.Name, out var list))
            {
                list = [];
                customProperties[type.Name] = list;
            }

            list.Add(definition);
            return definition;
        }
    }

    public CrmRecord? Find(ObjectTypeInfo type, long id, bool includeArchived = false) =>
        records[type.Name].TryGetValue(id, out var record) && (includeArchived || record.ArchivedAt is null) ? record : null;

    public CrmRecord Get(ObjectTypeInfo type, string id, string? idProperty = null, bool archived = false)
    {
        CrmRecord? record = null;
        if (!string.IsNullOrEmpty(idProperty) && !string.Equals(idProperty, "hs_object_id", StringComparison.OrdinalIgnoreCase))
        {
            if (type.Name == "contacts" && string.Equals(idProperty, "email", StringComparison.OrdinalIgnoreCase))
            {
                record = contactsByEmail.TryGetValue(id.Trim(), out var byEmail) ? Find(type, byEmail) : null;
                if (record is null && archived)
                {
                    record = records[type.Name].Values.FirstOrDefault(r => r.ArchivedAt is not null && string.Equals(r.Value("email"), id, StringComparison.OrdinalIgnoreCase));
                }
            }
            else
            {
                record = records[type.Name].Values.FirstOrDefault(r => (archived || r.ArchivedAt is null) && string.Equals(r.Value(idProperty), id, StringComparison.OrdinalIgnoreCase));
            }
        }
        else if (long.TryParse(id, out var numeric))
        {
            record = Find(type, numeric, archived);
        }

        // HubSpot answers an unknown id with 404 and an empty-looking body for single reads.
        return record is not null && (archived || record.ArchivedAt is null)
            ? record
            : throw SandboxApiException.NotFound("Object not found.  objectId are usually numeric.");
    }

    public IEnumerable<CrmRecord> Active(ObjectTypeInfo type) => records[type.Name].Values.Where(r => r.ArchivedAt is null);

    public int CountActive(ObjectTypeInfo type)
    {
        lock (Sync) return Active(type).Count();
    }
}
