using System.Globalization;
using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Cli;

namespace PrivacySync.Sandbox.Seeding;

/// <summary>
/// Fills a HubSpot account (the simulator or a real test portal) through HubSpot's own APIs: customer companies,
/// a few hundred contacts with deals, tickets and engagements (notes, e-mails, calls, meetings), newsletter and event
/// subscriptions and event form submissions — the persona among them. Batch endpoints keep it to a few dozen calls,
/// well inside the 100 requests per 10 seconds of a private app; 429s are waited out.
/// </summary>
internal sealed class HubSpotSeeder(JsonApi api, SeedClock clock, Random random)
{
    /// <summary>The simulator's portal id; secure form submissions name the portal in their path.</summary>
    public const long SandboxPortalId = 24680135;

    // HubSpot-defined association type ids (from the object being created to its target).
    private const int ContactToCompany = 279;
    private const int DealToContact = 3;
    private const int DealToCompany = 341;
    private const int TicketToContact = 16;
    private const int NoteToContact = 202;
    private const int CallToContact = 194;
    private const int EmailToContact = 198;
    private const int MeetingToContact = 200;
    private const int NewsletterSubscription = 1001;
    private const int EventSubscription = 1002;

    private static readonly string[] Stages = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "contractsent", "closedwon", "closedwon", "closedlost"];

    public sealed record Result(int Companies, int Contacts, int Deals, int Tickets, int Engagements, int Subscriptions, int FormSubmissions)
    {
        public override string ToString() =>
            $"{Companies} companies, {Contacts} contacts, {Deals} deals, {Tickets} tickets, {Engagements} engagements, "
            + $"{Subscriptions} subscriptions, {FormSubmissions} form submissions";
    }

    /// <summary>The people seeded as contacts, so the Graph seeder can write to the same customers.</summary>
    public List<(string Name, string Email, string Company)> People { get; } = [];

    public async Task<Result> SeedAsync(int contactCount, CancellationToken ct)
    {
        var companies = CompanyNames.Companies(Math.Max(2, contactCount / 7));
        var companyIds = await CreateBatchAsync("companies", companies.Select(c => Properties(
            ("name", c.Name), ("domain", c.Domain), ("country", c.Country), ("city", Pick(CompanyNames.Cities)),
            ("industry", Pick(CompanyNames.Industries)), ("phone", Phone()))).Select(p => Input(p)).ToList(), ct);

        // The persona first, at Fjellkraft AS; the rest spread over the customers.
        var contacts = new List<(JObject Properties, int Company)>
        {
            (Properties(("email", DemoPersona.Email), ("firstname", DemoPersona.FirstName), ("lastname", DemoPersona.LastName),
                ("phone", DemoPersona.Phone), ("company", DemoPersona.Company), ("jobtitle", DemoPersona.JobTitle), ("city", "Oslo"),
                ("country", "Norway"), ("lifecyclestage", "customer"), ("hs_legal_basis", "Legitimate interest – existing customer")), 0),
        };
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { DemoPersona.Email };
        while (contacts.Count < contactCount)
        {
            var company = random.Next(companies.Count);
            var first = Pick(CompanyNames.FirstNames);
            var last = Pick(CompanyNames.LastNames);
            var email = $"{CompanyNames.Ascii(first)}.{CompanyNames.Ascii(last)}@{companies[company].Domain}";
            if (!emails.Add(email))
            {
                continue;
            }

            contacts.Add((Properties(("email", email), ("firstname", first), ("lastname", last), ("phone", Phone()),
                ("company", companies[company].Name), ("jobtitle", Pick(CompanyNames.JobTitles)), ("city", Pick(CompanyNames.Cities)),
                ("country", companies[company].Country), ("lifecyclestage", random.Next(3) == 0 ? "lead" : "customer")), company));
        }

        var contactIds = await CreateBatchAsync("contacts",
            contacts.Select(c => Input(c.Properties, (companyIds[c.Company], ContactToCompany))).ToList(), ct);
        foreach (var (properties, company) in contacts)
        {
            People.Add(($"{properties["firstname"]} {properties["lastname"]}", (string)properties["email"]!, companies[company].Name));
        }

        var byCompany = contacts.Select((c, i) => (c.Company, Id: contactIds[i])).GroupBy(c => c.Company).ToDictionary(g => g.Key, g => g.Select(c => c.Id).ToList());

        // Deals: three for the persona, two to five per customer otherwise.
        var deals = new List<JObject>();
        foreach (var service in new[] { "Azure landing zone", "Security review", "Data platform" })
        {
            deals.Add(Input(Deal($"{DemoPersona.Company} – {service}"), (companyIds[0], DealToCompany), (contactIds[0], DealToContact)));
        }

        foreach (var (company, people) in byCompany.Where(c => c.Key != 0))
        {
            for (var i = random.Next(2, 6); i > 0; i--)
            {
                deals.Add(Input(Deal($"{companies[company].Name} – {Pick(CompanyNames.Services)}"),
                    (companyIds[company], DealToCompany), (people[random.Next(people.Count)], DealToContact)));
            }
        }

        await CreateBatchAsync("deals", deals, ct);

        var tickets = new List<JObject>
        {
            Input(Properties(("subject", "Invoice 2025-0412: disputed hours"), ("content", "Customer questions 12 hours on the March invoice."),
                ("hs_pipeline", "0"), ("hs_pipeline_stage", "4"), ("hs_ticket_priority", "MEDIUM"), ("hs_ticket_category", "BILLING_ISSUE")),
                (contactIds[0], TicketToContact)),
        };
        for (var i = 0; i < contactCount / 15; i++)
        {
            tickets.Add(Input(Properties(("subject", $"Support: {Pick(CompanyNames.Services)}"), ("content", "Follow-up after delivery."),
                ("hs_pipeline", "0"), ("hs_pipeline_stage", random.Next(2) == 0 ? "1" : "4"), ("hs_ticket_priority", "LOW")),
                (contactIds[1 + random.Next(contactIds.Count - 1)], TicketToContact)));
        }

        await CreateBatchAsync("tickets", tickets, ct);
        var engagements = await SeedEngagementsAsync(contactIds, ct);
        var subscriptions = await SeedSubscriptionsAsync(contacts.Select(c => (string)c.Properties["email"]!).ToList(), ct);
        var submissions = await SeedFormSubmissionsAsync(contacts.Skip(1).Take(12).Select(c => c.Properties).ToList(), ct);
        return new Result(companies.Count, contacts.Count, deals.Count, tickets.Count, engagements, subscriptions, submissions);
    }

    private async Task<int> SeedEngagementsAsync(List<string> contactIds, CancellationToken ct)
    {
        var notes = new List<JObject>();
        var emails = new List<JObject>();
        var calls = new List<JObject>();
        var meetings = new List<JObject>();
        void Add(string contactId, int noteCount, int emailCount, int callCount, int meetingCount)
        {
            for (var i = 0; i < noteCount; i++)
                notes.Add(Input(Properties(("hs_timestamp", Iso(clock.PastMoment(700))), ("hs_note_body", Pick(NoteTexts))), (contactId, NoteToContact)));
            for (var i = 0; i < emailCount; i++)
                emails.Add(Input(Properties(("hs_timestamp", Iso(clock.PastMoment(700))), ("hs_email_subject", $"Re: {Pick(CompanyNames.Services)}"),
                    ("hs_email_text", "Thanks for the meeting – the proposal follows as agreed."), ("hs_email_direction", random.Next(2) == 0 ? "EMAIL" : "INCOMING_EMAIL"),
                    ("hs_email_status", "SENT")), (contactId, EmailToContact)));
            for (var i = 0; i < callCount; i++)
                calls.Add(Input(Properties(("hs_timestamp", Iso(clock.PastMoment(700))), ("hs_call_title", "Follow-up call"),
                    ("hs_call_body", "Discussed scope and timeline."), ("hs_call_duration", (random.Next(5, 45) * 60_000).ToString(CultureInfo.InvariantCulture)),
                    ("hs_call_direction", "OUTBOUND"), ("hs_call_status", "COMPLETED")), (contactId, CallToContact)));
            for (var i = 0; i < meetingCount; i++)
            {
                var start = clock.PastMoment(700);
                meetings.Add(Input(Properties(("hs_timestamp", Iso(start)), ("hs_meeting_title", $"Workshop: {Pick(CompanyNames.Services)}"),
                    ("hs_meeting_body", "On site with the customer's team."), ("hs_meeting_start_time", Iso(start)),
                    ("hs_meeting_end_time", Iso(start.AddHours(2))), ("hs_meeting_outcome", "COMPLETED")), (contactId, MeetingToContact)));
            }
        }

        Add(contactIds[0], 3, 3, 2, 2);
        foreach (var id in contactIds.Skip(1))
        {
            Add(id, random.Next(0, 2), random.Next(0, 2), random.Next(0, 2), random.Next(4) == 0 ? 1 : 0);
        }

        foreach (var (type, inputs) in new[] { ("notes", notes), ("emails", emails), ("calls", calls), ("meetings", meetings) })
        {
            await CreateBatchAsync(type, inputs, ct);
        }

        return notes.Count + emails.Count + calls.Count + meetings.Count;
    }

    private async Task<int> SeedSubscriptionsAsync(List<string> emails, CancellationToken ct)
    {
        var subscriptions = new List<(string Email, int Subscription)>
        {
            (DemoPersona.Email, NewsletterSubscription), (DemoPersona.Email, EventSubscription),
        };
        subscriptions.AddRange(emails.Skip(1).Where((_, i) => i % 12 == 0).Select(e => (e, NewsletterSubscription)));
        foreach (var (email, subscription) in subscriptions)
        {
            await api.PostAsync("communication-preferences/v3/subscribe", new JObject
            {
                ["emailAddress"] = email,
                ["subscriptionId"] = subscription.ToString(CultureInfo.InvariantCulture),
                ["legalBasis"] = "CONSENT_WITH_NOTICE",
                ["legalBasisExplanation"] = "Signed up on nordvik.example.com",
            }, ct);
        }

        return subscriptions.Count;
    }

    private async Task<int> SeedFormSubmissionsAsync(List<JObject> others, CancellationToken ct)
    {
        var form = await api.PostAsync("marketing/v3/forms", new JObject { ["name"] = "Breakfast seminar: cloud security", ["formType"] = "hubspot" }, ct);
        var path = $"submissions/v3/integration/secure/submit/{SandboxPortalId.ToString(CultureInfo.InvariantCulture)}/{(string)form["id"]!}";
        var people = new List<(string Email, string First, string Last)> { (DemoPersona.Email, DemoPersona.FirstName, DemoPersona.LastName) };
        people.AddRange(others.Select(o => ((string)o["email"]!, (string)o["firstname"]!, (string)o["lastname"]!)));
        foreach (var (email, first, last) in people)
        {
            await api.PostAsync(path, new JObject
            {
                ["submittedAt"] = clock.PastMoment(300).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ["fields"] = new JArray(Field("email", email), Field("firstname", first), Field("lastname", last)),
                ["context"] = new JObject { ["pageUri"] = "https://nordvik.example.com/events/breakfast-seminar", ["pageName"] = "Breakfast seminar" },
            }, ct);
        }

        return people.Count;
    }

    /// <summary>Creates the inputs in batches of 100 and answers the new ids in input order.</summary>
    private async Task<List<string>> CreateBatchAsync(string type, List<JObject> inputs, CancellationToken ct)
    {
        var ids = new List<string>();
        foreach (var chunk in inputs.Chunk(100))
        {
            var answer = await api.PostAsync($"crm/v3/objects/{type}/batch/create", new JObject { ["inputs"] = new JArray(chunk) }, ct, HttpStatusCode.Created, HttpStatusCode.OK);
            var results = ((JArray)answer["results"]!).Children<JObject>().ToList();
            if (results.Count != chunk.Length)
            {
                throw new JsonApiException($"HubSpot: batch create of {type} returned {results.Count} of {chunk.Length} records.");
            }

            // HubSpot does not promise result order; match on a property unique within the batch where there is one.
            var key = type switch { "contacts" => "email", "companies" => "domain", _ => null };
            ids.AddRange(key is null
                ? results.Select(r => (string)r["id"]!)
                : chunk.Select(input => (string)results.First(r => string.Equals((string?)r["properties"]?[key], (string?)input["properties"]![key], StringComparison.OrdinalIgnoreCase))["id"]!));
        }

        return ids;
    }

    private JObject Deal(string name)
    {
        var stage = Pick(Stages);
        var close = stage.StartsWith("closed", StringComparison.Ordinal) ? clock.PastMoment(900) : clock.Now.AddDays(random.Next(10, 120));
        return Properties(("dealname", name), ("amount", (random.Next(8, 240) * 5_000).ToString(CultureInfo.InvariantCulture)),
            ("dealstage", stage), ("pipeline", "default"), ("closedate", Iso(close)));
    }

    private static JObject Input(JObject properties, params (string To, int TypeId)[] associations) => new()
    {
        ["properties"] = properties,
        ["associations"] = new JArray(associations.Select(a => new JObject
        {
            ["to"] = new JObject { ["id"] = a.To },
            ["types"] = new JArray(new JObject { ["associationCategory"] = "HUBSPOT_DEFINED", ["associationTypeId"] = a.TypeId }),
        })),
    };

    private static JObject Properties(params (string Name, string Value)[] values) =>
        new(values.Select(v => new JProperty(v.Name, v.Value)));

    private static JObject Field(string name, string value) => new() { ["objectTypeId"] = "0-1", ["name"] = name, ["value"] = value };

    private static string Iso(DateTimeOffset moment) => SeedClock.Iso(moment);

    private string Phone() => $"+47 {random.Next(400, 999)} {random.Next(10, 99)} {random.Next(100, 999)}";

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private static readonly string[] NoteTexts =
    [
        "Met at the breakfast seminar; interested in a security review next quarter.",
        "Budget approved for phase 2. Send revised estimate.",
        "Prefers Teams meetings on Tuesdays.",
        "Asked for references from similar projects in the energy sector.",
        "Renewal discussion scheduled after summer.",
    ];
}
