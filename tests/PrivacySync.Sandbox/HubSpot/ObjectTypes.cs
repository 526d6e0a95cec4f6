namespace PrivacySync.Sandbox.HubSpot;

/// <summary>One CRM object type as HubSpot names it in paths (plural), its type id and its standard properties.</summary>
internal sealed record ObjectTypeInfo(
    string Name,
    string TypeId,
    string Singular,
    string LastModifiedProperty,
    IReadOnlyList<string> DefaultProperties,
    IReadOnlyList<PropertyDefinition> Properties)
{
    public bool IsEngagement => ObjectTypes.Engagements.Contains(Name);
}

internal sealed record PropertyDefinition(string Name, string Label, string Type, string FieldType, string GroupName, bool ReadOnly = false);

/// <summary>The object types the simulator serves, with HubSpot's ids (0-1 contacts, 0-2 companies, …).</summary>
internal static class ObjectTypes
{
    public static readonly IReadOnlySet<string> Engagements = new HashSet<string> { "notes", "emails", "calls", "meetings" };

    private static PropertyDefinition S(string name, string label, string group, string fieldType = "text") => new(name, label, "string", fieldType, group);

    private static PropertyDefinition N(string name, string label, string group) => new(name, label, "number", "number", group);

    private static PropertyDefinition D(string name, string label, string group, bool readOnly = false) => new(name, label, "datetime", "date", group, readOnly);

    private static PropertyDefinition[] Common(string lastModified) =>
    [
        D("createdate", "Create Date", "system", readOnly: true),
        D(lastModified, "Last Modified Date", "system", readOnly: true),
        N("hs_object_id", "Record ID", "system") with { ReadOnly = true },
    ];

    public static readonly IReadOnlyDictionary<string, ObjectTypeInfo> ByName = new[]
    {
        new ObjectTypeInfo("contacts", "0-1", "contact", "lastmodifieddate",
            ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
            [
                S("email", "Email", "contactinformation"), S("firstname", "First Name", "contactinformation"),
                S("lastname", "Last Name", "contactinformation"), S("phone", "Phone Number", "contactinformation", "phonenumber"),
                S("mobilephone", "Mobile Phone Number", "contactinformation", "phonenumber"), S("company", "Company Name", "contactinformation"),
                S("jobtitle", "Job Title", "contactinformation"), S("address", "Street Address", "contactinformation"),
                S("city", "City", "contactinformation"), S("zip", "Postal Code", "contactinformation"),
                S("country", "Country/Region", "contactinformation"), S("website", "Website URL", "contactinformation"),
                S("lifecyclestage", "Lifecycle Stage", "contactinformation", "radio"), S("hs_lead_status", "Lead Status", "sales_properties", "radio"),
                S("hs_additional_emails", "Additional email addresses", "contactinformation", "textarea"),
                S("hs_legal_basis", "Legal basis for processing contact's data", "contactinformation", "checkbox"),
                S("hubspot_owner_id", "Contact owner", "sales_properties", "select"),
                ..Common("lastmodifieddate"),
            ]),
        new ObjectTypeInfo("companies", "0-2", "company", "hs_lastmodifieddate",
            ["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"],
            [
                S("name", "Company name", "companyinformation"), S("domain", "Company Domain Name", "companyinformation"),
                S("city", "City", "companyinformation"), S("country", "Country/Region", "companyinformation"),
                S("phone", "Phone Number", "companyinformation", "phonenumber"), S("industry", "Industry", "companyinformation", "select"),
                ..Common("hs_lastmodifieddate"),
            ]),
        new ObjectTypeInfo("deals", "0-3", "deal", "hs_lastmodifieddate",
            ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"],
            [
                S("dealname", "Deal Name", "dealinformation"), N("amount", "Amount", "dealinformation"),
                S("dealstage", "Deal Stage", "dealinformation", "radio"), S("pipeline", "Pipeline", "dealinformation", "select"),
                D("closedate", "Close Date", "dealinformation"), ..Common("hs_lastmodifieddate"),
            ]),
        new ObjectTypeInfo("tickets", "0-5", "ticket", "hs_lastmodifieddate",
            ["content", "createdate", "hs_lastmodifieddate", "hs_object_id", "hs_pipeline", "hs_pipeline_stage", "hs_ticket_category", "hs_ticket_priority", "subject"],
            [
                S("subject", "Ticket name", "ticketinformation"), S("content", "Ticket description", "ticketinformation", "textarea"),
                S("hs_pipeline", "Pipeline", "ticketinformation", "select"), S("hs_pipeline_stage", "Ticket status", "ticketinformation", "select"),
                S("hs_ticket_category", "Category", "ticketinformation", "checkbox"), S("hs_ticket_priority", "Priority", "ticketinformation", "select"),
                ..Common("hs_lastmodifieddate"),
            ]),
        new ObjectTypeInfo("notes", "0-46", "note", "hs_lastmodifieddate",
            ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
            [D("hs_timestamp", "Activity date", "engagement"), S("hs_note_body", "Note body", "engagement", "html"), S("hubspot_owner_id", "Activity assigned to", "engagement", "select"), ..Common("hs_lastmodifieddate")]),
        new ObjectTypeInfo("emails", "0-49", "email", "hs_lastmodifieddate",
            ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
            [
                D("hs_timestamp", "Activity date", "engagement"), S("hs_email_subject", "Email subject", "email"),
                S("hs_email_text", "Email body", "email", "textarea"), S("hs_email_direction", "Email direction", "email", "select"),
                S("hs_email_status", "Email send status", "email", "select"), S("hubspot_owner_id", "Activity assigned to", "engagement", "select"),
                ..Common("hs_lastmodifieddate"),
            ]),
        new ObjectTypeInfo("calls", "0-48", "call", "hs_lastmodifieddate",
            ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
            [
                D("hs_timestamp", "Activity date", "engagement"), S("hs_call_title", "Call title", "call"),
                S("hs_call_body", "Call notes", "call", "html"), N("hs_call_duration", "Call duration", "call"),
                S("hs_call_direction", "Call direction", "call", "select"), S("hs_call_status", "Call status", "call", "select"),
                S("hubspot_owner_id", "Activity assigned to", "engagement", "select"), ..Common("hs_lastmodifieddate"),
            ]),
        new ObjectTypeInfo("meetings", "0-47", "meeting", "hs_lastmodifieddate",
            ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
            [
                D("hs_timestamp", "Activity date", "engagement"), S("hs_meeting_title", "Meeting name", "meeting"),
                S("hs_meeting_body", "Meeting description", "meeting", "html"), D("hs_meeting_start_time", "Start time", "meeting"),
                D("hs_meeting_end_time", "End time", "meeting"), S("hs_meeting_outcome", "Meeting outcome", "meeting", "select"),
                S("hubspot_owner_id", "Activity assigned to", "engagement", "select"), ..Common("hs_lastmodifieddate"),
            ]),
    }.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Accepts the plural path name, the singular, or the type id ("contacts", "contact", "0-1").</summary>
    public static ObjectTypeInfo Resolve(string nameOrId) =>
        ByName.TryGetValue(nameOrId, out var info)
            ? info
            : ByName.Values.FirstOrDefault(t => string.Equals(t.Singular, nameOrId, StringComparison.OrdinalIgnoreCase) || t.TypeId == nameOrId)
              ?? throw new SandboxApiException(400, "VALIDATION_ERROR", $"Unable to infer object type from: {nameOrId}");
}

/// <summary>A HubSpot-defined association type between two object types, with its inverse.</summary>
internal sealed record AssociationDefinition(string From, string To, int TypeId, int InverseTypeId, string? Label = null, bool IsDefault = true);

/// <summary>HubSpot-defined association type ids (unlabelled defaults and the primary-company label).</summary>
internal static class AssociationDefinitions
{
    public static readonly IReadOnlyList<AssociationDefinition> All = Build();

    private static List<AssociationDefinition> Build()
    {
        var pairs = new (string A, string B, int AtoB, int BtoA)[]
        {
            ("contacts", "companies", 279, 280), ("contacts", "deals", 4, 3), ("contacts", "tickets", 15, 16),
            ("contacts", "notes", 201, 202), ("contacts", "calls", 193, 194), ("contacts", "emails", 197, 198),
            ("contacts", "meetings", 199, 200), ("companies", "deals", 342, 341), ("companies", "tickets", 340, 339),
            ("companies", "notes", 189, 190), ("deals", "notes", 213, 214), ("tickets", "notes", 227, 228),
            ("deals", "tickets", 27, 28),
        };
        var list = new List<AssociationDefinition>();
        foreach (var (a, b, ab, ba) in pairs)
        {
            list.Add(new(a, b, ab, ba));
            list.Add(new(b, a, ba, ab));
        }

        list.Add(new("contacts", "companies", 1, 2, "Primary", IsDefault: false));
        list.Add(new("companies", "contacts", 2, 1, "Primary", IsDefault: false));
        return list;
    }

    public static AssociationDefinition Default(string from, string to) =>
        All.FirstOrDefault(d => d.From == from && d.To == to && d.IsDefault)
        ?? throw SandboxApiException.Validation($"There is no association type between {from} and {to}");

    public static AssociationDefinition Find(string from, string to, int typeId) =>
        All.FirstOrDefault(d => d.From == from && d.To == to && d.TypeId == typeId)
        ?? throw SandboxApiException.Validation($"{typeId} is not a valid association type id from {from} to {to}");

    /// <summary>Object creation names only the target id and type id, so the target type comes from the type id.</summary>
    public static AssociationDefinition FindFrom(string from, int typeId) =>
        All.FirstOrDefault(d => d.From == from && d.TypeId == typeId)
        ?? throw SandboxApiException.Validation($"{typeId} is not a valid association type id from {from}");
}
