using Microsoft.Extensions.Time.Testing;
using System.Net;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.Connectors.HubSpot;

/// <summary>The simulator answers as HubSpot documents: auth, limits, paging caps, error bodies, GDPR blocklist.</summary>
public sealed class HubSpotSimulatorTests
{
    [Fact]
    public async Task RejectsRequestsWithoutTokenWithInvalidAuthentication()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();

        var (status, body, _) = await sandbox.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts/1", token: null);
        var (wrongStatus, wrongBody, _) = await sandbox.SendAsync(HttpMethod.Get, "crm/v3/objects/contacts/1", token: "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("error", body!["status"]!.ToString());
        Assert.Equal("INVALID_AUTHENTICATION", body["category"]!.ToString());
        Assert.False(string.IsNullOrEmpty(body["correlationId"]!.ToString()));
        Assert.False(string.IsNullOrEmpty(body["message"]!.ToString()));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
        Assert.Equal("INVALID_AUTHENTICATION", wrongBody!["category"]!.ToString());
    }

    [Fact]
    public async Task RejectsSearchLimitAboveTwoHundredAndTooManyFilterGroups()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();

        var (limitStatus, limitBody, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/search", new JObject { ["limit"] = 201 });
        var groups = new JArray(Enumerable.Range(0, 6).Select(i => new JObject
        {
            ["filters"] = new JArray(new JObject { ["propertyName"] = "email", ["operator"] = "EQ", ["value"] = $"x{i}@example.test" }),
        }));
        var (groupStatus, _, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/search", new JObject { ["filterGroups"] = groups });
        var (okStatus, _, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/search", new JObject { ["limit"] = 200 });

        Assert.Equal(HttpStatusCode.BadRequest, limitStatus);
        Assert.Equal("VALIDATION_ERROR", limitBody!["category"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, groupStatus);
        Assert.Equal(HttpStatusCode.OK, okStatus);
    }

    [Fact]
    public async Task CapsSearchPagingAtTenThousandResults()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.RequestsPerTenSeconds = 10_000);
        await sandbox.CreateManyAsync("contacts", Enumerable.Range(0, 10_050).Select(i => HubSpotSandbox.Input(new { email = $"bulk{i}@example.test", lastname = "Bulk" })));
        var query = new JObject
        {
            ["filterGroups"] = new JArray(new JObject { ["filters"] = new JArray(new JObject { ["propertyName"] = "lastname", ["operator"] = "EQ", ["value"] = "Bulk" }) }),
            ["limit"] = 200,
        };

        query["after"] = "9800";
        var (lastPageStatus, lastPage, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/search", query);
        query["after"] = "10000";
        var (beyondStatus, beyond, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/search", query);

        Assert.Equal(HttpStatusCode.OK, lastPageStatus);
        Assert.Equal(10_050, lastPage!["total"]!.Value<int>());
        Assert.Equal(200, ((JArray)lastPage["results"]!).Count);
        Assert.Equal("10000", lastPage["paging"]!["next"]!["after"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, beyondStatus);
        Assert.Equal("VALIDATION_ERROR", beyond!["category"]!.ToString());
    }

    [Fact]
    public async Task RejectsBatchReadOfMoreThanOneHundredInputsAndReportsMissingIdsWith207()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var id = await sandbox.CreateAsync("contacts", new { email = "batch@example.test" });

        var tooMany = new JObject { ["inputs"] = new JArray(Enumerable.Range(0, 101).Select(i => new JObject { ["id"] = i.ToString() })) };
        var (tooManyStatus, tooManyBody, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/batch/read", tooMany);
        var mixed = new JObject { ["properties"] = new JArray("email"), ["inputs"] = new JArray(new JObject { ["id"] = id }, new JObject { ["id"] = "999999" }) };
        var (mixedStatus, mixedBody, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/batch/read", mixed);

        Assert.Equal(HttpStatusCode.BadRequest, tooManyStatus);
        Assert.Equal("VALIDATION_ERROR", tooManyBody!["category"]!.ToString());
        Assert.Equal(HttpStatusCode.MultiStatus, mixedStatus);
        Assert.Equal("batch@example.test", mixedBody!["results"]![0]!["properties"]!["email"]!.ToString());
        Assert.Equal("999999", mixedBody["errors"]![0]!["context"]!["ids"]![0]!.ToString());
    }

    [Fact]
    public async Task AnswersTenSecondlyRollingLimitWith429PolicyAndRateLimitHeaders()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.RequestsPerTenSeconds = 3);

        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, _, response) = await sandbox.SendAsync(HttpMethod.Get, "crm/v3/properties/contacts");
            remaining.Add(response.Headers.GetValues("X-HubSpot-RateLimit-Remaining").Single());
            Assert.Equal("3", response.Headers.GetValues("X-HubSpot-RateLimit-Max").Single());
            Assert.Equal("10000", response.Headers.GetValues("X-HubSpot-RateLimit-Interval-Milliseconds").Single());
        }

        var (status, body, throttled) = await sandbox.SendAsync(HttpMethod.Get, "crm/v3/properties/contacts");
        var (otherTokenStatus, _, _) = await sandbox.SendAsync(HttpMethod.Get, "crm/v3/properties/contacts", token: HubSpotSandbox.ConnectorToken);

        Assert.Equal(["2", "1", "0"], remaining);
        Assert.Equal((HttpStatusCode)429, status);
        Assert.Equal("TEN_SECONDLY_ROLLING", body!["policyName"]!.ToString());
        Assert.Equal("RATE_LIMITS", body["category"]!.ToString());
        Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 10);
        Assert.Equal(HttpStatusCode.OK, otherTokenStatus); // the window is per token
    }

    [Fact]
    public async Task AnswersSearchBeyondFivePerSecondWithSecondlyLimit()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();

        var statuses = new List<HttpStatusCode>();
        JObject? last = null;
        for (var i = 0; i < 6; i++)
        {
            var (status, body, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/search", new JObject());
            statuses.Add(status);
            last = body;
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal((HttpStatusCode)429, statuses[^1]);
        Assert.Equal("SECONDLY", last!["policyName"]!.ToString());
        Assert.Contains("secondly", last["message"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersDailyLimitWhenTheDailyBudgetIsSpent()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.DailyBudget = 2);

        var (first, _, firstResponse) = await sandbox.SendAsync(HttpMethod.Get, "crm/v3/properties/contacts");
        await sandbox.SendAsync(HttpMethod.Get, "crm/v3/properties/contacts");
        var (status, body, response) = await sandbox.SendAsync(HttpMethod.Get, "crm/v3/properties/contacts");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal("1", firstResponse.Headers.GetValues("X-HubSpot-RateLimit-Daily-Remaining").Single());
        Assert.Equal((HttpStatusCode)429, status);
        Assert.Equal("DAILY", body!["policyName"]!.ToString());
        Assert.Equal("0", response.Headers.GetValues("X-HubSpot-RateLimit-Daily-Remaining").Single());
    }

    [Fact]
    public async Task GdprDeleteRemovesContactAndBlocklistsKnownAndUnknownAddresses()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var id = await sandbox.CreateAsync("contacts", new { email = "gone@example.test", hs_additional_emails = "gone.too@example.test" });

        var (deleteStatus, _, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/gdpr-delete", new JObject { ["objectId"] = "gone@example.test", ["idProperty"] = "email" });
        var (readStatus, _, _) = await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{id}");
        var (archivedRead, _, _) = await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{id}?archived=true");
        var (recreate, recreateBody, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts", new JObject { ["properties"] = new JObject { ["email"] = "gone@example.test" } });
        var (recreateExtra, _, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts", new JObject { ["properties"] = new JObject { ["email"] = "gone.too@example.test" } });
        var (unknownDelete, _, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/gdpr-delete", new JObject { ["objectId"] = "never@example.test", ["idProperty"] = "email" });
        var (createUnknown, _, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts", new JObject { ["properties"] = new JObject { ["email"] = "never@example.test" } });
        var (unknownId, unknownIdBody, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts/gdpr-delete", new JObject { ["objectId"] = "424242" });

        Assert.Equal(HttpStatusCode.NoContent, deleteStatus);
        Assert.Equal(HttpStatusCode.NotFound, readStatus);
        Assert.Equal(HttpStatusCode.NotFound, archivedRead); // permanent, not in the recycle bin
        Assert.Equal(HttpStatusCode.BadRequest, recreate);
        Assert.Equal("VALIDATION_ERROR", recreateBody!["category"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, recreateExtra);
        Assert.Equal(HttpStatusCode.NoContent, unknownDelete);
        Assert.Equal(HttpStatusCode.BadRequest, createUnknown);
        Assert.Equal(HttpStatusCode.NotFound, unknownId);
        Assert.Equal("OBJECT_NOT_FOUND", unknownIdBody!["category"]!.ToString());
    }

    [Fact]
    public async Task FormSubmissionReaddsABlocklistedAddressAsHubSpotDocuments()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        await sandbox.OkAsync(HttpMethod.Post, "crm/v3/objects/contacts/gdpr-delete", new JObject { ["objectId"] = "back@example.test", ["idProperty"] = "email" });
        var form = await sandbox.CreateFormAsync("Seminar sign-up");

        await sandbox.SubmitFormAsync(form, "seminar", ("email", "back@example.test"), ("firstname", "Berit"));
        var contact = await sandbox.OkAsync(HttpMethod.Get, "crm/v3/objects/contacts/back@example.test?idProperty=email&properties=firstname");
        var profile = await sandbox.OkAsync(HttpMethod.Get, $"contacts/v1/contact/vid/{contact["id"]}/profile");
        var listing = await sandbox.OkAsync(HttpMethod.Get, $"form-integrations/v1/submissions/forms/{form}");

        Assert.Equal("Berit", contact["properties"]!["firstname"]!.ToString());
        var submission = Assert.Single((JArray)profile["form-submissions"]!);
        Assert.Equal(form, submission["form-id"]!.ToString());
        Assert.Equal("Seminar sign-up", submission["title"]!.ToString());
        var listed = Assert.Single((JArray)listing["results"]!);
        Assert.Equal(submission["conversion-id"]!.ToString(), listed["conversionId"]!.ToString());
        Assert.Contains(listed["values"]!, v => v["name"]!.ToString() == "firstname" && v["value"]!.ToString() == "Berit");
    }

    [Fact]
    public async Task ReadsContactByEmailWithPropertyHistoryAndAssociations()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var contact = await sandbox.CreateAsync("contacts", new { email = "hist@example.test", firstname = "Kari" });
        var company = await sandbox.CreateAsync("companies", new { name = "Fjord Consulting AS" }, (2, contact));
        await sandbox.OkAsync(new HttpMethod("PATCH"), $"crm/v3/objects/contacts/{contact}", new JObject { ["properties"] = new JObject { ["firstname"] = "Karianne" } });

        var read = await sandbox.OkAsync(HttpMethod.Get, "crm/v3/objects/contacts/hist@example.test?idProperty=email&properties=firstname,email&propertiesWithHistory=firstname&associations=companies");
        var properties = await sandbox.OkAsync(HttpMethod.Get, "crm/v3/properties/contacts");

        Assert.Equal(contact, read["id"]!.ToString());
        Assert.Equal("Karianne", read["properties"]!["firstname"]!.ToString());
        var history = (JArray)read["propertiesWithHistory"]!["firstname"]!;
        Assert.Equal(["Karianne", "Kari"], history.Select(h => h["value"]!.ToString()));
        Assert.Equal("API", history[0]!["sourceType"]!.ToString());
        var links = (JArray)read["associations"]!["companies"]!["results"]!;
        Assert.Contains(links, l => l["id"]!.ToString() == company && l["type"]!.ToString() == "contact_to_company");
        Assert.Contains(properties["results"]!, p => p["name"]!.ToString() == "hs_additional_emails");
    }

    [Fact]
    public async Task ListsV4AssociationsAcrossPagesAndInBatch()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.AssociationBatchPageSize = 4);
        var contact = await sandbox.CreateAsync("contacts", new { email = "many@example.test" });
        var notes = await sandbox.CreateManyAsync("notes", Enumerable.Range(0, 7).Select(i => HubSpotSandbox.Input(new { hs_timestamp = "2026-01-01T10:00:00Z", hs_note_body = $"note {i}" }, (202, contact))));
        var deal = await sandbox.CreateAsync("deals", new { dealname = "Frame agreement" });
        await sandbox.OkAsync(HttpMethod.Put, $"crm/v4/objects/deals/{deal}/associations/default/contacts/{contact}");

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await sandbox.OkAsync(HttpMethod.Get, $"crm/v4/objects/contacts/{contact}/associations/notes?limit=3" + (after is null ? "" : "&after=" + after));
            seen.AddRange(page["results"]!.Select(r => r["toObjectId"]!.ToString()));
            Assert.All(page["results"]!, r => Assert.Equal(201, r["associationTypes"]![0]!["typeId"]!.Value<int>()));
            after = page["paging"]?["next"]?["after"]?.ToString();
            pages++;
        }
        while (after is not null);

        var batch = await sandbox.OkAsync(HttpMethod.Post, "crm/v4/associations/contacts/notes/batch/read", new JObject { ["inputs"] = new JArray(new JObject { ["id"] = contact }) });
        var deals = await sandbox.OkAsync(HttpMethod.Get, $"crm/v4/objects/contacts/{contact}/associations/deals");

        Assert.Equal(3, pages);
        Assert.Equal(notes.OrderBy(n => n), seen.OrderBy(n => n));
        Assert.Equal(4, ((JArray)batch["results"]![0]!["to"]!).Count);
        Assert.Equal("4", batch["results"]![0]!["paging"]!["next"]!["after"]!.ToString());
        Assert.Equal(deal, deals["results"]![0]!["toObjectId"]!.ToString());
        Assert.Equal(4, deals["results"]![0]!["associationTypes"]![0]!["typeId"]!.Value<int>());
    }

    [Fact]
    public async Task ArchivedContactIsHiddenButRestorable()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var id = await sandbox.CreateAsync("contacts", new { email = "bin@example.test" });

        var (archive, _, _) = await sandbox.SendAsync(HttpMethod.Delete, $"crm/v3/objects/contacts/{id}");
        var (hidden, _, _) = await sandbox.SendAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{id}");
        var archived = await sandbox.OkAsync(HttpMethod.Get, $"crm/v3/objects/contacts/{id}?archived=true");
        await sandbox.OkAsync(HttpMethod.Post, $"__sandbox/restore/contacts/{id}");
        var restored = await sandbox.OkAsync(HttpMethod.Get, "crm/v3/objects/contacts/bin@example.test?idProperty=email");

        Assert.Equal(HttpStatusCode.NoContent, archive);
        Assert.Equal(HttpStatusCode.NotFound, hidden);
        Assert.True(archived["archived"]!.Value<bool>());
        Assert.Equal(id, restored["id"]!.ToString());
    }

    [Fact]
    public async Task UnsubscribeAllMakesEveryStatusNotSubscribedWithLegalBasisKept()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        await sandbox.CreateAsync("contacts", new { email = "news@example.test" });
        await sandbox.SubscribeAsync("news@example.test", "1001");

        var before = await sandbox.OkAsync(HttpMethod.Get, "communication-preferences/v3/status/email/news@example.test");
        var (noChannel, _, _) = await sandbox.SendAsync(HttpMethod.Post, "communication-preferences/v4/statuses/news@example.test/unsubscribe-all");
        var unsubscribed = await sandbox.OkAsync(HttpMethod.Post, "communication-preferences/v4/statuses/news@example.test/unsubscribe-all?channel=EMAIL&verbose=true");
        var after = await sandbox.OkAsync(HttpMethod.Get, "communication-preferences/v3/status/email/news@example.test");
        var wide = await sandbox.OkAsync(HttpMethod.Get, "communication-preferences/v4/statuses/news@example.test/unsubscribe-all?channel=EMAIL");
        var (again, _, _) = await sandbox.SendAsync(HttpMethod.Post, "communication-preferences/v3/unsubscribe", new JObject { ["emailAddress"] = "news@example.test", ["subscriptionId"] = "1001" });

        var newsletter = Assert.Single((JArray)before["subscriptionStatuses"]!);
        Assert.Equal("SUBSCRIBED", newsletter["status"]!.ToString());
        Assert.Equal("CONSENT_WITH_NOTICE", newsletter["legalBasis"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, noChannel);
        Assert.Equal("COMPLETE", unsubscribed["status"]!.ToString());
        Assert.NotEmpty((JArray)unsubscribed["results"]!);
        Assert.All(after["subscriptionStatuses"]!, s =>
        {
            Assert.Equal("NOT_SUBSCRIBED", s["status"]!.ToString());
            Assert.Equal("PORTAL_WIDE_STATUS", s["sourceOfStatus"]!.ToString());
        });
        Assert.Equal("NOT_SUBSCRIBED", wide["results"]![0]!["status"]!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, again);
    }

    [Fact]
    public async Task RefusesDuplicateEmailWithConflictAndUnknownPropertyWithValidationError()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var id = await sandbox.CreateAsync("contacts", new { email = "dup@example.test" });

        var (duplicate, duplicateBody, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts", new JObject { ["properties"] = new JObject { ["email"] = "DUP@example.test" } });
        var (unknown, unknownBody, _) = await sandbox.SendAsync(HttpMethod.Post, "crm/v3/objects/contacts", new JObject { ["properties"] = new JObject { ["shoe_size"] = "42" } });

        Assert.Equal(HttpStatusCode.Conflict, duplicate);
        Assert.Equal("CONFLICT", duplicateBody!["category"]!.ToString());
        Assert.Contains(id, duplicateBody["message"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("PROPERTY_DOESNT_EXIST", unknownBody!["message"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InjectsServerErrorsRepeatablyFromTheSeed()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();

        async Task<List<int>> RunAsync()
        {
            await sandbox.SetFaultsAsync(new { serverErrorRate = 0.5, seed = 7 });
            var statuses = new List<int>();
            for (var i = 0; i < 12; i++) statuses.Add((int)(await sandbox.SendAsync(HttpMethod.Get, "crm/v3/properties/deals")).Status);
            return statuses;
        }

        var first = await RunAsync();
        var second = await RunAsync();
        await sandbox.SetFaultsAsync(new { serverErrorRate = 0.0 });
        var (healthy, _, _) = await sandbox.SendAsync(HttpMethod.Get, "crm/v3/properties/deals");

        Assert.Equal(first, second);
        Assert.Contains(first, s => s is 500 or 503);
        Assert.Contains(first, s => s == 200);
        Assert.Equal(HttpStatusCode.OK, healthy);
    }

    [Fact]
    public async Task RollingWindowAndDailyBudgetFollowTheInjectedClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 4, 23, 59, 0, TimeSpan.Zero));
        await using var sandbox = await HubSpotSandbox.StartAsync(o => { o.RequestsPerTenSeconds = 2; o.DailyBudget = 3; }, clock);

        async Task<string> CallAsync()
        {
            var (status, body, _) = await sandbox.SendAsync(HttpMethod.Get, "crm/v3/properties/tickets");
            return status == HttpStatusCode.OK ? "ok" : body!["policyName"]!.ToString();
        }

        var sequence = new List<string> { await CallAsync(), await CallAsync(), await CallAsync() };
        clock.Advance(TimeSpan.FromSeconds(9));
        sequence.Add(await CallAsync());
        clock.Advance(TimeSpan.FromSeconds(1));
        sequence.Add(await CallAsync());
        clock.Advance(TimeSpan.FromSeconds(10));
        sequence.Add(await CallAsync());
        clock.Advance(TimeSpan.FromSeconds(40)); // past midnight UTC: a new daily budget
        sequence.Add(await CallAsync());

        Assert.Equal(["ok", "ok", "TEN_SECONDLY_ROLLING", "TEN_SECONDLY_ROLLING", "ok", "DAILY", "ok"], sequence);
    }

    [Fact]
    public async Task CreatesLabelledAndBatchDefaultAssociationsAndUnsubscribesOneType()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var contact = await sandbox.CreateAsync("contacts", new { email = "assoc@example.test" });
        var company = await sandbox.CreateAsync("companies", new { name = "Nordlys AS" });
        var tickets = await sandbox.CreateManyAsync("tickets", Enumerable.Range(0, 3).Select(i => HubSpotSandbox.Input(new { subject = $"case {i}" })));

        var labelled = await sandbox.OkAsync(HttpMethod.Put, $"crm/v4/objects/contacts/{contact}/associations/companies/{company}", new JArray(
            new JObject { ["associationCategory"] = "HUBSPOT_DEFINED", ["associationTypeId"] = 1 }));
        var batch = await sandbox.OkAsync(HttpMethod.Post, "crm/v4/associations/contacts/tickets/batch/associate/default", new JObject
        {
            ["inputs"] = new JArray(tickets.Select(t => new JObject { ["from"] = new JObject { ["id"] = contact }, ["to"] = new JObject { ["id"] = t } })),
        });
        var fromCompany = await sandbox.OkAsync(HttpMethod.Get, $"crm/v4/objects/companies/{company}/associations/contacts");
        var linkedTickets = await sandbox.OkAsync(HttpMethod.Get, $"crm/v4/objects/contacts/{contact}/associations/tickets");
        var definitions = await sandbox.OkAsync(HttpMethod.Get, "communication-preferences/v3/definitions");
        await sandbox.SubscribeAsync("assoc@example.test", "1002");
        var unsubscribed = await sandbox.OkAsync(HttpMethod.Post, "communication-preferences/v3/unsubscribe", new JObject
        {
            ["emailAddress"] = "assoc@example.test",
            ["subscriptionId"] = "1002",
            ["legalBasis"] = "CONSENT_WITH_NOTICE",
            ["legalBasisExplanation"] = "Asked to stop event invitations",
        });

        Assert.Equal("0-1", labelled["fromObjectTypeId"]!.ToString());
        Assert.Equal(["Primary"], labelled["labels"]!.Select(l => l.ToString()));
        Assert.Equal(3, ((JArray)batch["results"]!).Count);
        Assert.Equal(2, fromCompany["results"]![0]!["associationTypes"]![0]!["typeId"]!.Value<int>()); // the inverse label
        Assert.Equal(tickets.OrderBy(t => t), linkedTickets["results"]!.Select(r => r["toObjectId"]!.ToString()).OrderBy(t => t));
        Assert.Contains(definitions["subscriptionDefinitions"]!, d => d["id"]!.ToString() == "1002");
        Assert.Equal("NOT_SUBSCRIBED", unsubscribed["status"]!.ToString());
        Assert.Equal("SUBSCRIPTION_STATUS", unsubscribed["sourceOfStatus"]!.ToString());
    }
}
