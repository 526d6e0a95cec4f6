namespace PrivacySync.Connectors.HubSpot;

/// <summary>The HubSpot object types the connector reads, and the properties it exports from each (property → label).</summary>
internal static class HubSpotObjectTypes
{
    public const string Contacts = "contacts";

    public static readonly IReadOnlyList<string> Engagements = ["notes", "emails", "calls", "meetings"];

    /// <summary>Business categories map one-to-one to object types of the same name.</summary>
    public static readonly IReadOnlyList<string> Linked = [.. HubSpotCategories.BusinessRecords, .. Engagements];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<(string Property, string Label)>> ExportedProperties =
        new Dictionary<string, IReadOnlyList<(string, string)>>
        {
            ["companies"] = [("name", "Company"), ("domain", "Domain")],
            ["deals"] = [("dealname", "Deal"), ("dealstage", "Stage"), ("amount", "Amount"), ("closedate", "Close date")],
            ["tickets"] = [("subject", "Ticket"), ("content", "Description"), ("hs_pipeline_stage", "Status"), ("createdate", "Created")],
            ["notes"] = [("hs_timestamp", "Date"), ("hs_note_body", "Note")],
            ["emails"] = [("hs_timestamp", "Date"), ("hs_email_direction", "Direction"), ("hs_email_subject", "Subject"), ("hs_email_text", "Text")],
            ["calls"] = [("hs_timestamp", "Date"), ("hs_call_direction", "Direction"), ("hs_call_title", "Title"), ("hs_call_body", "Notes"), ("hs_call_duration", "Duration (ms)")],
            ["meetings"] = [("hs_timestamp", "Date"), ("hs_meeting_title", "Title"), ("hs_meeting_body", "Description"), ("hs_meeting_start_time", "Start"), ("hs_meeting_end_time", "End")],
        };

    public static readonly IReadOnlyDictionary<string, string> Singular = new Dictionary<string, string>
    {
        ["companies"] = "Company", ["deals"] = "Deal", ["tickets"] = "Ticket",
        ["notes"] = "Note", ["emails"] = "E-mail", ["calls"] = "Call", ["meetings"] = "Meeting",
    };
}
