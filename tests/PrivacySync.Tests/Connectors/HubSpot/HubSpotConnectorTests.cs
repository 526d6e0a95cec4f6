using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Connectors.HubSpot;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.HubSpot;

/// <summary>The HubSpot connector over real HTTP against the simulator: discover, export, erase, object.</summary>
public sealed class HubSpotConnectorTests
{
    private const string Primary = "ingrid.berg@fjordkonsult.example";
    private const string Private = "ingrid.b@privat.example";

    /// <summary>A customer with a primary and an additional address, linked to business records and engagements.</summary>
    private sealed record Seeded(string ContactId, string CompanyId, string DealId, string TicketId, string SharedMeetingId, string FormId, int Engagements);

    private static async Task<Seeded> SeedCustomerAsync(HubSpotSandbox sandbox, int notes = 3)
    {
        var contact = await sandbox.CreateAsync("contacts", new { email = Primary, hs_additional_emails = Private, firstname = "Ingrid", lastname = "Berg", phone = "+47 900 00 000" });
        await sandbox.OkAsync(new HttpMethod("PATCH"), $"crm/v3/objects/contacts/{contact}", new JObject { ["properties"] = new JObject { ["lastname"] = "Berg-Hansen" } });
        var colleague = await sandbox.CreateAsync("contacts", new { email = "ola@fjordkonsult.example", firstname = "Ola" });
        var company = await sandbox.CreateAsync("companies", new { name = "Fjord Konsult AS", domain = "fjordkonsult.example" }, (280, contact), (2, contact), (280, colleague));
        var deal = await sandbox.CreateAsync("deals", new { dealname = "Framework agreement 2026", dealstage = "closedwon", amount = "250000" }, (3, contact), (341, company));
        var ticket = await sandbox.CreateAsync("tickets", new { subject = "Invoice question", content = "Asked about the March invoice" }, (16, contact));
        await sandbox.CreateManyAsync("notes", Enumerable.Range(0, notes).Select(i => HubSpotSandbox.Input(new { hs_timestamp = "2026-02-01T09:00:00Z", hs_note_body = $"Call back about offer {i}" }, (202, contact))));
        await sandbox.CreateAsync("emails", new { hs_timestamp = "2026-02-02T09:00:00Z", hs_email_subject = "Offer", hs_email_text = "Here is our offer", hs_email_direction = "EMAIL" }, (198, contact));
        await sandbox.CreateAsync("calls", new { hs_timestamp = "2026-02-03T09:00:00Z", hs_call_title = "Follow-up", hs_call_body = "Discussed scope" }, (194, contact));
        var shared = await sandbox.CreateAsync("meetings", new { hs_timestamp = "2026-02-04T09:00:00Z", hs_meeting_title = "Kick-off", hs_meeting_body = "Both attended" }, (200, contact), (200, colleague));
        var form = await sandbox.CreateFormAsync("Breakfast seminar");
        await sandbox.SubmitFormAsync(form, "seminar", ("email", Primary), ("firstname", "Ingrid"), ("jobtitle", "CFO"));
        await sandbox.SubscribeAsync(Primary, "1001");
        await sandbox.SubscribeAsync(Private, "1002");
        return new Seeded(contact, company, deal, ticket, shared, form, notes + 3);
    }

    [Fact]
    public async Task DiscoversSubjectKnownOnlyByAdditionalEmailWithCategoryCounts()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var seeded = await SeedCustomerAsync(sandbox);
        var connector = sandbox.Connector();

        var result = await connector.DiscoverAsync(new SubjectIdentity(Private), TestContext.Current.CancellationToken);

        Assert.True(result.Found);
        var counts = result.Categories.ToDictionary(c => c.Name, c => c.RecordCount);
        Assert.Equal(1, counts[HubSpotCategories.ContactProfile]);
        Assert.Equal(seeded.Engagements, counts[HubSpotCategories.Engagements]);
        Assert.Equal(1, counts[HubSpotCategories.Companies]);
        Assert.Equal(1, counts[HubSpotCategories.Deals]);
        Assert.Equal(1, counts[HubSpotCategories.Tickets]);
        Assert.Equal(1, counts[HubSpotCategories.FormSubmissions]);
        Assert.Equal(2, counts[HubSpotCategories.MarketingSubscriptions]);
        var marketing = result.Categories.Single(c => c.Name == HubSpotCategories.MarketingSubscriptions);
        Assert.Contains("6(1)(a)", marketing.LegalBasis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportsAbsentSubjectWithoutTouchingAnyone()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        await sandbox.CreateAsync("contacts", new { email = "someone.else@example.test", hs_additional_emails = "ingrid.berg@fjordkonsult.example.old" });
        var connector = sandbox.Connector();

        var result = await connector.DiscoverAsync(new SubjectIdentity(Primary), TestContext.Current.CancellationToken);

        Assert.False(result.Found);
        Assert.Empty(result.Categories);
    }

    [Fact]
    public async Task ExportsEveryCategoryWithPurposeLegalBasisAndPropertyHistory()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var seeded = await SeedCustomerAsync(sandbox);
        var connector = sandbox.Connector(o => o.Categories[HubSpotCategories.Deals].LegalBasis = "Bokføringsloven § 13 – legal obligation");

        var records = new List<ExportRecord>();
        await foreach (var record in connector.ExportAsync(new SubjectIdentity(Primary), TestContext.Current.CancellationToken)) records.Add(record);

        var byCategory = records.GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.ToList());
        var profile = byCategory[HubSpotCategories.ContactProfile];
        Assert.Contains(profile, r => r.Fields["Last Name"]?.ToString() == "Berg-Hansen" && r.Fields["Additional email addresses"]?.ToString() == Private);
        Assert.Contains(profile, r => r.Fields["Property"]?.ToString() == "Last Name" && r.Fields["Earlier value"]?.ToString() == "Berg");
        Assert.All(profile, r => Assert.Contains("6(1)(b)", r.LegalBasis, StringComparison.Ordinal));
        Assert.Equal(seeded.Engagements, byCategory[HubSpotCategories.Engagements].Count);
        Assert.Contains(byCategory[HubSpotCategories.Engagements], r => r.Fields["Type"]?.ToString() == "Meeting" && r.Fields["Title"]?.ToString() == "Kick-off");
        var company = Assert.Single(byCategory[HubSpotCategories.Companies]);
        Assert.Equal("Primary", company.Fields["Your link to it"]?.ToString());
        Assert.Equal("Fjord Konsult AS", company.Fields["Company"]?.ToString());
        Assert.DoesNotContain(records, r => r.Fields.ToString().Contains("ola@fjordkonsult.example", StringComparison.Ordinal)); // not other people's data
        var deal = Assert.Single(byCategory[HubSpotCategories.Deals]);
        Assert.Equal("Bokføringsloven § 13 – legal obligation", deal.LegalBasis);
        Assert.Equal("250000", deal.Fields["Amount"]?.ToString());
        Assert.Single(byCategory[HubSpotCategories.Tickets]);
        var submission = Assert.Single(byCategory[HubSpotCategories.FormSubmissions]);
        Assert.Equal("Breakfast seminar", submission.Fields["Form"]?.ToString());
        Assert.Equal("CFO", submission.Fields["Field jobtitle"]?.ToString());
        var subscriptions = byCategory[HubSpotCategories.MarketingSubscriptions];
        Assert.Equal(2, subscriptions.Count);
        Assert.All(subscriptions, s => Assert.Equal("CONSENT_WITH_NOTICE", s.Fields["Legal basis recorded in HubSpot"]?.ToString()));
        Assert.All(subscriptions, s => Assert.Contains("consent", s.LegalBasis, StringComparison.Ordinal));
        Assert.Equal(
            [HubSpotCategories.ContactProfile, HubSpotCategories.Companies, HubSpotCategories.Deals, HubSpotCategories.Tickets, HubSpotCategories.Engagements, HubSpotCategories.FormSubmissions, HubSpotCategories.MarketingSubscriptions],
            records.Select(r => r.Category).Distinct());
    }

    [Fact]
    public async Task ExportsContactWithFiveHundredEngagementsAcrossAssociationPages()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var contact = await sandbox.CreateAsync("contacts", new { email = Primary });
        var types = new (string Type, int TypeId, Func<int, object> Properties)[]
        {
            ("notes", 202, i => new { hs_timestamp = "2026-01-01T00:00:00Z", hs_note_body = $"note {i}" }),
            ("emails", 198, i => new { hs_timestamp = "2026-01-01T00:00:00Z", hs_email_subject = $"mail {i}" }),
            ("calls", 194, i => new { hs_timestamp = "2026-01-01T00:00:00Z", hs_call_title = $"call {i}" }),
            ("meetings", 200, i => new { hs_timestamp = "2026-01-01T00:00:00Z", hs_meeting_title = $"meeting {i}" }),
        };
        foreach (var (type, typeId, properties) in types)
        {
            await sandbox.CreateManyAsync(type, Enumerable.Range(0, 125).Select(i => HubSpotSandbox.Input(properties(i), (typeId, contact))));
        }

        var connector = sandbox.Connector(o => o.AssociationPageSize = 50);
        var engagements = 0;
        await foreach (var record in connector.ExportAsync(new SubjectIdentity(Primary), TestContext.Current.CancellationToken))
        {
            if (record.Category == HubSpotCategories.Engagements) engagements++;
        }

        Assert.Equal(500, engagements);
        Assert.Equal(0, connector.Counter.Throttled);
    }

    [Fact]
    public async Task ErasesContactConfirmsItAndReportsRetainedBusinessRecordsPerCategory()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var seeded = await SeedCustomerAsync(sandbox);
        var connector = sandbox.Connector();

        var outcome = await connector.EraseAsync(new SubjectIdentity(Primary), TestContext.Current.CancellationToken);

        Assert.False(outcome.HasFailures);
        var byCategory = outcome.Categories.GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(OutcomeKind.Erased, Assert.Single(byCategory[HubSpotCategories.ContactProfile]).Kind);
        var engagements = byCategory[HubSpotCategories.Engagements];
        Assert.Equal(seeded.Engagements - 1, engagements.Single(e => e.Kind == OutcomeKind.Erased).RecordCount);
        var shared = engagements.Single(e => e.Kind == OutcomeKind.ManualActionRequired);
        Assert.Contains(seeded.SharedMeetingId, shared.Instructions, StringComparison.Ordinal);
        Assert.Equal(OutcomeKind.Erased, Assert.Single(byCategory[HubSpotCategories.FormSubmissions]).Kind);
        Assert.Equal(2, Assert.Single(byCategory[HubSpotCategories.MarketingSubscriptions]).RecordCount);
        var deals = Assert.Single(byCategory[HubSpotCategories.Deals]);
        Assert.Equal(OutcomeKind.Retained, deals.Kind);
        Assert.Contains("6(1)(c)", deals.LegalBasis, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(DateTime.UtcNow.Year + 5, 12, 31), deals.RetainedUntil);
        Assert.Equal(OutcomeKind.Retained, Assert.Single(byCategory[HubSpotCategories.Companies]).Kind);
        Assert.Equal(new DateOnly(DateTime.UtcNow.Year + 3, 12, 31), Assert.Single(byCategory[HubSpotCategories.Tickets]).RetainedUntil);
        Assert.Contains("blocklist", outcome.Note, StringComparison.Ordinal);

        // What HubSpot itself now says: gone, not re-creatable, business records kept.
        Assert.Equal(HttpStatusCode.NotFound, (await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{seeded.ContactId}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts", new JObject { ["properties"] = new JObject { ["email"] = Private } })).Status);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/deals/{seeded.DealId}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/meetings/{seeded.SharedMeetingId}")).Status);
        Assert.False((await connector.DiscoverAsync(new SubjectIdentity(Primary), TestContext.Current.CancellationToken)).Found);
    }

    [Fact]
    public async Task ArchivesBusinessRecordsOnlyWhenConfiguredAndOnlyThoseConcerningTheSubjectAlone()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var seeded = await SeedCustomerAsync(sandbox);
        var connector = sandbox.Connector(o =>
        {
            o.Categories[HubSpotCategories.Tickets].Erasure = HubSpotErasure.Archive;
            o.Categories[HubSpotCategories.Companies].Erasure = HubSpotErasure.Archive;
        });

        var outcome = await connector.EraseAsync(new SubjectIdentity(Primary), TestContext.Current.CancellationToken);

        Assert.Equal(OutcomeKind.Erased, outcome.Categories.Single(c => c.Category == HubSpotCategories.Tickets).Kind);
        var company = outcome.Categories.Single(c => c.Category == HubSpotCategories.Companies);
        Assert.Equal(OutcomeKind.Retained, company.Kind); // the colleague is linked to it too
        Assert.NotNull(company.Reason);
        Assert.Equal(HttpStatusCode.NotFound, (await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/tickets/{seeded.TicketId}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/companies/{seeded.CompanyId}")).Status);
    }

    [Fact]
    public async Task EraseOfUnknownSubjectIsNotFoundAndBlocklistsTheAddress()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var connector = sandbox.Connector();

        var outcome = await connector.EraseAsync(new SubjectIdentity(Primary), TestContext.Current.CancellationToken);

        Assert.Equal(OutcomeKind.NotFound, Assert.Single(outcome.Categories).Kind);
        Assert.Contains("blocklist", outcome.Note, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts", new JObject { ["properties"] = new JObject { ["email"] = Primary } })).Status);
    }

    [Fact]
    public async Task EraseOfUnknownSubjectSendsNothingWhenBlocklistingIsOff()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var connector = sandbox.Connector(o => o.BlocklistUnknownAddressesOnErase = false);

        var outcome = await connector.EraseAsync(new SubjectIdentity(Primary), TestContext.Current.CancellationToken);

        Assert.Equal(OutcomeKind.NotFound, Assert.Single(outcome.Categories).Kind);
        Assert.Contains("no address was blocklisted", outcome.Note, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts", new JObject { ["properties"] = new JObject { ["email"] = Primary } })).Status);
    }

    [Fact]
    public async Task ObjectionUnsubscribesEveryAddressFromAllEmailAndConfirms()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        await SeedCustomerAsync(sandbox);
        var connector = sandbox.Connector();

        var outcome = await connector.ObjectAsync(new SubjectIdentity(Primary), TestContext.Current.CancellationToken);
        var absent = await connector.ObjectAsync(new SubjectIdentity("nobody@example.test"), TestContext.Current.CancellationToken);

        var category = Assert.Single(outcome.Categories);
        Assert.Equal(OutcomeKind.Unsubscribed, category.Kind);
        Assert.Equal(2, category.RecordCount);
        foreach (var email in new[] { Primary, Private })
        {
            var statuses = await sandbox.OkAsync(HttpMethod.Get, $"communication-preferences/v3/status/email/{email}");
            Assert.NotEmpty((JArray)statuses["subscriptionStatuses"]!);
            Assert.All(statuses["subscriptionStatuses"]!, s => Assert.Equal("NOT_SUBSCRIBED", s["status"]!.ToString()));
        }

        Assert.Equal(OutcomeKind.NotFound, Assert.Single(absent.Categories).Kind);
    }

    [Fact]
    public async Task RestrictionOptsOutOfAllEmailAndMarksTheContactAndALiftClearsOnlyTheMark()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var seeded = await SeedCustomerAsync(sandbox);
        var connector = sandbox.Connector();
        const string Marker = "privacysync_restricted";

        var restricted = await connector.RestrictAsync(new SubjectIdentity(Primary), RestrictionStep.Restrict, TestContext.Current.CancellationToken);

        Assert.Equal(
            [(HubSpotCategories.MarketingSubscriptions, OutcomeKind.Restricted, 2L), (HubSpotCategories.ContactProfile, OutcomeKind.Restricted, 1L)],
            restricted.Categories.Select(c => (c.Category, c.Kind, c.RecordCount)));
        var properties = await sandbox.OkAsync(HttpMethod.Get, "crm/v3/properties/contacts");
        Assert.Contains(properties["results"]!, p => (string?)p["name"] == Marker && (string?)p["type"] == "bool");
        Assert.Equal("true", (string?)(await sandbox.OkAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{seeded.ContactId}?properties={Marker}"))["properties"]![Marker]);
        foreach (var email in new[] { Primary, Private })
        {
            var wide = await sandbox.OkAsync(HttpMethod.Get, $"communication-preferences/v4/statuses/{email}/unsubscribe-all?channel=EMAIL");
            Assert.Contains(wide["results"]!, r => (string?)r["status"] == "NOT_SUBSCRIBED");
        }

        // A second restriction finds the property there (409 from HubSpot) and changes nothing.
        Assert.All((await connector.RestrictAsync(new SubjectIdentity(Primary), RestrictionStep.Restrict, TestContext.Current.CancellationToken)).Categories,
            c => Assert.Equal(OutcomeKind.Restricted, c.Kind));

        var lifted = await connector.RestrictAsync(new SubjectIdentity(Private), RestrictionStep.Lift, TestContext.Current.CancellationToken);

        Assert.Equal((HubSpotCategories.ContactProfile, OutcomeKind.Lifted), Assert.Single(lifted.Categories) is var c ? (c.Category, c.Kind) : default);
        Assert.Equal("false", (string?)(await sandbox.OkAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{seeded.ContactId}?properties={Marker}"))["properties"]![Marker]);
        var statuses = await sandbox.OkAsync(HttpMethod.Get, $"communication-preferences/v3/status/email/{Primary}");
        Assert.All(statuses["subscriptionStatuses"]!, s => Assert.Equal("NOT_SUBSCRIBED", s["status"]!.ToString())); // no resubscription without the subject's opt-in
        var absent = await connector.RestrictAsync(new SubjectIdentity("nobody@example.test"), RestrictionStep.Restrict, TestContext.Current.CancellationToken);
        Assert.Equal(OutcomeKind.NotFound, Assert.Single(absent.Categories).Kind);
    }

    [Fact]
    public async Task NeverWritesTheSubjectsAddressToLogs()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        await SeedCustomerAsync(sandbox);
        await sandbox.SetFaultsAsync(new { serverErrorRate = 0.2, seed = 3 });
        var logs = new ListLoggerProvider();
        var connector = sandbox.Connector(logs: logs);
        var subject = new SubjectIdentity(Primary, AdditionalEmails: [Private]);

        await connector.DiscoverAsync(subject, TestContext.Current.CancellationToken);
        await connector.ObjectAsync(subject, TestContext.Current.CancellationToken);
        await connector.EraseAsync(subject, TestContext.Current.CancellationToken);

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Contains(" 4101 ", StringComparison.Ordinal)); // retries were logged
        Assert.DoesNotContain(logs.Lines, l => l.Contains("ingrid", StringComparison.OrdinalIgnoreCase));
    }
}
