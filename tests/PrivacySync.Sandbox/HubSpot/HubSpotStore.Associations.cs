namespace PrivacySync.Sandbox.HubSpot;

internal sealed partial class HubSpotStore
{
    // (fromType, fromId) → toType → toId → association type ids. Sorted so that paging is stable.
    private readonly Dictionary<(string Type, long Id), Dictionary<string, SortedDictionary<long, SortedSet<int>>>> associations = [];

    /// <summary>Links two objects both ways, as HubSpot does (each direction has its own type id).</summary>
    public void Associate(CrmRecord from, CrmRecord to, AssociationDefinition definition)
    {
        Add(from, to, definition.TypeId);
        Add(to, from, definition.InverseTypeId);
    }

    public AssociationDefinition Associate(ObjectTypeInfo fromType, string fromId, ObjectTypeInfo toType, string toId, int? typeId)
    {
        lock (Sync)
        {
            var from = Get(fromType, fromId);
            var to = Get(toType, toId);
            var definition = typeId is { } id ? AssociationDefinitions.Find(fromType.Name, toType.Name, id) : AssociationDefinitions.Default(fromType.Name, toType.Name);
            Associate(from, to, definition);
            return definition;
        }
    }

    /// <summary>The associations of one object to one type, ordered by target id.</summary>
    public IReadOnlyList<(long ToId, IReadOnlyList<int> TypeIds)> AssociationsOf(ObjectTypeInfo fromType, long fromId, ObjectTypeInfo toType)
    {
        if (!associations.TryGetValue((fromType.Name, fromId), out var byType) || !byType.TryGetValue(toType.Name, out var targets))
        {
            return [];
        }

        return targets
            .Where(t => Find(toType, t.Key) is not null)
            .Select(t => (t.Key, (IReadOnlyList<int>)t.Value.ToList()))
            .ToList();
    }

    private void Add(CrmRecord from, CrmRecord to, int typeId)
    {
        if (!associations.TryGetValue((from.Type.Name, from.Id), out var byType))
        {
            byType = new Dictionary<string, SortedDictionary<long, SortedSet<int>>>(StringComparer.OrdinalIgnoreCase);
            associations[(from.Type.Name, from.Id)] = byType;
        }

        if (!byType.TryGetValue(to.Type.Name, out var targets))
        {
            targets = [];
            byType[to.Type.Name] = targets;
        }

        if (!targets.TryGetValue(to.Id, out var types))
        {
            types = [];
            targets[to.Id] = types;
        }

        types.Add(typeId);
    }

    /// <summary>Removes an object and every association to or from it.</summary>
    private void Purge(CrmRecord record)
    {
        records[record.Type.Name].Remove(record.Id);
        if (associations.Remove((record.Type.Name, record.Id), out var byType))
        {
            foreach (var (toType, targets) in byType)
            {
                foreach (var toId in targets.Keys)
                {
                    if (associations.TryGetValue((toType, toId), out var back) && back.TryGetValue(record.Type.Name, out var backTargets))
                    {
                        backTargets.Remove(record.Id);
                    }
                }
            }
        }
    }

    /// <summary>
    /// POST /crm/v3/objects/contacts/gdpr-delete. Permanently removes the contact, its form submissions, its
    /// subscription statuses and the engagements that concern no other contact; associations to business records
    /// (companies, deals, tickets) are removed, the records themselves stay. The contact's addresses are blocklisted.
    /// An unknown email is blocklisted too. Returns false only for an unknown id.
    /// </summary>
    public bool GdprDelete(string objectId, string? idProperty)
    {
        lock (Sync)
        {
            stats.GdprDeleteRequested();
            var contacts = ObjectTypes.ByName["contacts"];
            var byEmail = string.Equals(idProperty, "email", StringComparison.OrdinalIgnoreCase);
            CrmRecord? contact = null;
            if (byEmail)
            {
                contact = contactsByEmail.TryGetValue(objectId.Trim(), out var id) ? records["contacts"].GetValueOrDefault(id) : null;
                contact ??= records["contacts"].Values.FirstOrDefault(r => string.Equals(r.Value("email"), objectId.Trim(), StringComparison.OrdinalIgnoreCase));
                if (contact is null)
                {
                    blocklist.Add(objectId.Trim());
                    return true;
                }
            }
            else if (long.TryParse(objectId, out var numeric))
            {
                contact = records["contacts"].GetValueOrDefault(numeric);
            }

            if (contact is null) return false;

            foreach (var engagementType in ObjectTypes.Engagements.Select(ObjectTypes.Resolve))
            {
                foreach (var (engagementId, _) in AssociationsOf(contacts, contact.Id, engagementType).ToList())
                {
                    var engagement = records[engagementType.Name][engagementId];
                    var otherContacts = AssociationsOf(engagementType, engagementId, contacts).Count(a => a.ToId != contact.Id);
                    if (otherContacts == 0) Purge(engagement);
                }
            }

            var emails = contact.Emails().ToList();
            foreach (var email in emails)
            {
                blocklist.Add(email);
                contactsByEmail.Remove(email);
                subscriptionStatuses.Remove(email);
                wideOptOuts.Remove(email);
            }

            formSubmissions.RemoveAll(s => s.ContactId == contact.Id);
            Purge(contact);
            stats.ContactGdprDeleted();
            return true;
        }
    }
}
