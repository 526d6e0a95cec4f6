using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Cli;

namespace PrivacySync.Sandbox.Seeding;

/// <summary>
/// Fills a Microsoft 365 tenant through Graph's creation endpoints: the staff of Nordvik Consulting AS (a few former
/// employees with disabled accounts), their calendars, and their correspondence and Outlook contacts with customers —
/// among them the persona, an external person since her own account was removed when she left.
/// </summary>
internal sealed class GraphSeeder(JsonApi api, SeedClock clock, Random random)
{
    /// <summary>The permissions the seeder's token carries (it writes; the connector's token only reads and deletes).</summary>
    public static readonly string[] SeedRoles =
        ["User.ReadWrite.All", "Group.ReadWrite.All", "Mail.ReadWrite", "Calendars.ReadWrite", "Contacts.ReadWrite", "Files.ReadWrite.All"];

    /// <summary>Application permissions of the PrivacySync app in the local tenant (infra/microsoft365/permissions.md).</summary>
    public static readonly string[] ConnectorRoles =
        ["User.ReadWrite.All", "GroupMember.Read.All", "Mail.ReadWrite", "Calendars.Read", "Contacts.ReadWrite", "Files.Read.All"];

    // Staff the persona worked with; they keep her messages and, for the account manager, her contact card.
    private static readonly string[] PersonaCorrespondents = ["magnus.strand", "ingrid.dahl", "jonas.lie"];

    public sealed record Result(int Users, int Messages, int Events, int Contacts)
    {
        public override string ToString() => $"{Users} users, {Messages} messages, {Events} calendar events, {Contacts} Outlook contacts";
    }

    public async Task<Result> SeedAsync(int staff, IReadOnlyList<(string Name, string Email, string Company)> customers, IEnumerable<string> officers, CancellationToken ct)
    {
        var people = new List<(string Nick, string First, string Last, bool Enabled)>();
        foreach (var nick in PersonaCorrespondents.Concat(officers))
        {
            var parts = nick.Split('.');
            people.Add((nick, Capitalise(parts[0]), Capitalise(parts[^1]), true));
        }

        var nicks = people.Select(p => p.Nick).ToHashSet(StringComparer.OrdinalIgnoreCase);
        while (people.Count < staff)
        {
            var first = Pick(CompanyNames.FirstNames);
            var last = Pick(CompanyNames.LastNames);
            var nick = $"{CompanyNames.Ascii(first)}.{CompanyNames.Ascii(last)}";
            if (nick == "sigrid.bakke" || !nicks.Add(nick))
            {
                continue;
            }

            people.Add((nick, first, last, people.Count % 12 != 5)); // every twelfth has left: account disabled
        }

        foreach (var person in people)
        {
            await api.PostAsync("users", new JObject
            {
                ["accountEnabled"] = person.Enabled,
                ["displayName"] = $"{person.First} {person.Last}",
                ["givenName"] = person.First,
                ["surname"] = person.Last,
                ["mailNickname"] = person.Nick,
                ["userPrincipalName"] = $"{person.Nick}@{CompanyNames.OwnDomain}",
                ["mail"] = $"{person.Nick}@{CompanyNames.OwnDomain}",
                ["jobTitle"] = Pick(["Consultant", "Senior consultant", "Architect", "Account manager", "Project manager"]),
                ["department"] = "Consulting",
                ["officeLocation"] = "Oslo",
                ["passwordProfile"] = new JObject { ["password"] = "S1mulated-only!", ["forceChangePasswordNextSignIn"] = true },
            }, ct, HttpStatusCode.Created);
        }

        // Each mailbox gets its own list of items; mailboxes are filled in parallel, each one sequentially
        // (Outlook allows four concurrent requests per mailbox).
        var plan = people.ToDictionary(p => p.Nick, _ => (Messages: new List<JObject>(), Events: new List<JObject>(), Contacts: new List<JObject>()));
        foreach (var person in people)
        {
            var own = $"{person.Nick}@{CompanyNames.OwnDomain}";
            var name = $"{person.First} {person.Last}";
            for (var i = random.Next(6, 14); i > 0; i--)
            {
                var customer = customers[1 + random.Next(customers.Count - 1)];
                plan[person.Nick].Messages.Add(random.Next(2) == 0
                    ? Message(customer.Email, customer.Name, own, name, $"Re: {Pick(CompanyNames.Services)}", "Thanks, see my comments inline.")
                    : Message(own, name, customer.Email, customer.Name, $"{Pick(CompanyNames.Services)} – next steps", "As discussed, here is the plan for the next sprint."));
            }

            for (var i = random.Next(1, 4); i > 0; i--)
            {
                var start = clock.PastMoment(120);
                plan[person.Nick].Events.Add(new JObject
                {
                    ["subject"] = Pick(["Team meeting", "Customer workshop", "1:1", "Sprint review"]),
                    ["start"] = new JObject { ["dateTime"] = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
                    ["end"] = new JObject { ["dateTime"] = start.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
                });
            }

            if (random.Next(3) == 0)
            {
                var customer = customers[1 + random.Next(customers.Count - 1)];
                plan[person.Nick].Contacts.Add(Contact(customer.Name, customer.Email, customer.Company));
            }
        }

        AddPersonaCorrespondence(plan);
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = ct }, async (mailbox, token) =>
        {
            var user = $"users/{mailbox.Key}@{CompanyNames.OwnDomain}";
            foreach (var message in mailbox.Value.Messages) await api.PostAsync($"{user}/messages", message, token, HttpStatusCode.Created);
            foreach (var item in mailbox.Value.Events) await api.PostAsync($"{user}/events", item, token, HttpStatusCode.Created);
            foreach (var contact in mailbox.Value.Contacts) await api.PostAsync($"{user}/contacts", contact, token, HttpStatusCode.Created);
        });

        return new Result(people.Count, plan.Values.Sum(p => p.Messages.Count), plan.Values.Sum(p => p.Events.Count), plan.Values.Sum(p => p.Contacts.Count));
    }

    private void AddPersonaCorrespondence(Dictionary<string, (List<JObject> Messages, List<JObject> Events, List<JObject> Contacts)> plan)
    {
        var subjects = new[] { "Security review – scope", "Azure landing zone: workshop agenda", "Data platform estimate", "Invoice 2025-0412", "Lunch next week?" };
        foreach (var (nick, index) in PersonaCorrespondents.Select((n, i) => (n, i)))
        {
            var own = $"{nick}@{CompanyNames.OwnDomain}";
            var name = string.Join(' ', nick.Split('.').Select(Capitalise));
            for (var i = 0; i < 5 - index; i++)
            {
                var subject = subjects[(index + i) % subjects.Length];
                plan[nick].Messages.Add(i % 2 == 0
                    ? Message(DemoPersona.Email, DemoPersona.Name, own, name, subject, $"Hi {name.Split(' ')[0]}, could you send the details before Friday? Regards, Sigrid")
                    : Message(own, name, DemoPersona.Email, DemoPersona.Name, "Re: " + subject, "Hi Sigrid, attached as promised."));
            }
        }

        plan[PersonaCorrespondents[0]].Contacts.Add(Contact(DemoPersona.Name, DemoPersona.Email, DemoPersona.Company, DemoPersona.Phone, DemoPersona.JobTitle));
    }

    private JObject Message(string from, string fromName, string to, string toName, string subject, string body) => new()
    {
        ["subject"] = subject,
        ["from"] = Recipient(from, fromName),
        ["toRecipients"] = new JArray(Recipient(to, toName)),
        ["receivedDateTime"] = SeedClock.Iso(clock.PastMoment(400)),
        ["body"] = new JObject { ["contentType"] = "text", ["content"] = body },
        ["importance"] = "normal",
    };

    private static JObject Contact(string name, string email, string company, string? phone = null, string? title = null)
    {
        var parts = name.Split(' ', 2);
        var contact = new JObject
        {
            ["givenName"] = parts[0],
            ["surname"] = parts.Length > 1 ? parts[1] : "",
            ["displayName"] = name,
            ["companyName"] = company,
            ["emailAddresses"] = new JArray(new JObject { ["address"] = email, ["name"] = name }),
        };
        if (phone is not null) contact["businessPhones"] = new JArray(phone);
        if (title is not null) contact["jobTitle"] = title;
        return contact;
    }

    private static JObject Recipient(string address, string name) => new() { ["emailAddress"] = new JObject { ["address"] = address, ["name"] = name } };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}
