using System.Globalization;
using Microsoft.Graph.Models;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>Flat label → value fields of export records built from Graph resources.</summary>
internal static class RecordFields
{
    /// <summary>A message's text: written by and about other people too, so it is marked for an entity's review (Art. 15(4)).</summary>
    public const string BodyField = "body";

    public static readonly string[] MessageSelect =
        ["id", "subject", "from", "toRecipients", "ccRecipients", "bccRecipients", "receivedDateTime", "sentDateTime", "body"];

    public static readonly string[] MessageSelectNoBody =
        ["id", "subject", "from", "toRecipients", "ccRecipients", "bccRecipients", "receivedDateTime", "sentDateTime"];

    public static readonly string[] ProfileSelect =
    [
        "id", "displayName", "givenName", "surname", "mail", "userPrincipalName", "jobTitle", "department", "officeLocation",
        "mobilePhone", "businessPhones", "employeeId", "accountEnabled", "createdDateTime",
    ];

    public static JObject Profile(User user) => Fields(
        ("objectId", user.Id), ("displayName", user.DisplayName), ("givenName", user.GivenName), ("surname", user.Surname),
        ("mail", user.Mail), ("userPrincipalName", user.UserPrincipalName), ("jobTitle", user.JobTitle),
        ("department", user.Department), ("officeLocation", user.OfficeLocation), ("mobilePhone", user.MobilePhone),
        ("businessPhones", Join(user.BusinessPhones)), ("employeeId", user.EmployeeId),
        ("accountEnabled", user.AccountEnabled?.ToString(CultureInfo.InvariantCulture)), ("created", Date(user.CreatedDateTime)));

    /// <param name="subjectAddresses">The subject's own addresses: copies (cc, bcc) name only them, never the other people copied (Art. 15(4)).</param>
    public static JObject Message(string mailbox, Message m, bool body, IReadOnlySet<string> subjectAddresses) => Fields(
        ("mailbox", mailbox), ("messageId", m.Id), ("subject", m.Subject), ("from", m.From?.EmailAddress?.Address),
        ("to", Addresses(m.ToRecipients)), ("cc", Own(m.CcRecipients, subjectAddresses)), ("bcc", Own(m.BccRecipients, subjectAddresses)),
        ("received", Date(m.ReceivedDateTime)), ("sent", Date(m.SentDateTime)), (BodyField, body ? m.Body?.Content : null));

    public static JObject Event(Event e) => Fields(
        ("eventId", e.Id), ("subject", e.Subject), ("start", e.Start?.DateTime + " " + e.Start?.TimeZone),
        ("end", e.End?.DateTime + " " + e.End?.TimeZone), ("location", e.Location?.DisplayName),
        ("organizer", e.Organizer?.EmailAddress?.Address), ("attendees", Join(e.Attendees?.Select(a => a.EmailAddress?.Address))));

    public static JObject Contact(string mailbox, Contact c) => Fields(
        ("mailbox", mailbox), ("contactId", c.Id), ("displayName", c.DisplayName), ("givenName", c.GivenName), ("surname", c.Surname),
        ("emailAddresses", Join(c.EmailAddresses?.Select(a => a.Address))), ("mobilePhone", c.MobilePhone),
        ("businessPhones", Join(c.BusinessPhones)), ("companyName", c.CompanyName), ("jobTitle", c.JobTitle));

    public static JObject Group(Group g) => Fields(("groupId", g.Id), ("displayName", g.DisplayName), ("mail", g.Mail), ("description", g.Description));

    public static JObject DriveFile(DriveItem item, string path, string? contentBase64, string? contentNote) => Fields(
        ("itemId", item.Id), ("name", item.Name), ("path", path), ("size", item.Size?.ToString(CultureInfo.InvariantCulture)),
        ("mimeType", item.File?.MimeType), ("created", Date(item.CreatedDateTime)), ("modified", Date(item.LastModifiedDateTime)),
        ("webUrl", item.WebUrl), ("contentBase64", contentBase64), ("content", contentNote));

    public static bool Involves(Message m, IReadOnlySet<string> emails) =>
        (m.From?.EmailAddress?.Address is { } from && emails.Contains(from)) ||
        new[] { m.ToRecipients, m.CcRecipients, m.BccRecipients }.Any(list => list?.Any(r => r.EmailAddress?.Address is { } a && emails.Contains(a)) == true);

    private static JObject Fields(params (string Name, string? Value)[] fields)
    {
        var json = new JObject();
        foreach (var (name, value) in fields)
        {
            if (!string.IsNullOrEmpty(value))
            {
                json[name] = value;
            }
        }

        return json;
    }

    private static string? Own(List<Recipient>? recipients, IReadOnlySet<string> subjectAddresses) =>
        Join(recipients?.Select(r => r.EmailAddress?.Address).Where(a => a is not null && subjectAddresses.Contains(a)));

    private static string? Addresses(List<Recipient>? recipients) => Join(recipients?.Select(r => r.EmailAddress?.Address));

    private static string? Join(IEnumerable<string?>? values)
    {
        var list = values?.Where(v => !string.IsNullOrEmpty(v)).ToList();
        return list is { Count: > 0 } ? string.Join("; ", list) : null;
    }

    private static string? Date(DateTimeOffset? value) => value?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
}
