using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Functions.Teams;
using PrivacySync.Sandbox.Teams;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// The privacy office's path through Teams, in the official renderer in headless Chromium, the published app under
/// the local host, Azurite and the sandbox's Workflows webhook: fill in the form and submit it, get the received
/// card, approve the erasure from its card as a second officer, get the completion card. What the flows send goes with
/// the flow's own token and names the responder by Entra object id (<see cref="WorkflowSteps"/>).
/// </summary>
public sealed class TeamsOfficerPathTests(TeamsApp app, CardBrowserFixture browsers) : IClassFixture<TeamsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OfficerSubmitsTheFormGetsTheReceivedCardAndASecondOfficerApprovesTheErasureFromItsCard()
    {
        var email = await app.SeedSubjectAsync();
        var browser = await browsers.BrowserAsync();

        // 1. The form, as the request form flow posts it, filled in and submitted as an officer would.
        var form = CardGallery.Templates.Render(RequestFormBuilder.Build(app.Configuration, Language.English, CardGallery.Templates));
        JObject response;
        await using (var rendered = await browser.RenderAsync(form))
        {
            Assert.Empty(rendered.Problems);
            var page = rendered.Page;
            // "Request" alone would also find the "Submit request" button.
            await page.GetByLabel(new Regex(@"^Request( \*)?$")).SelectOptionAsync("erasure");
            await page.GetByLabel("Subject's name").FillAsync("Sigrid Bakke");
            await page.GetByLabel("Subject's email").FillAsync(email);
            await page.GetByLabel("Legal entity").SelectOptionAsync(TeamsApp.Entity);
            await page.GetByLabel("Language of the answer").SelectOptionAsync("en");
            await page.GetByLabel("Received on").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByLabel("Identity verified by").SelectOptionAsync("bankid");
            await page.GetByLabel("Notes for the privacy office", new() { Exact = false }).FillAsync("Asked by phone.");
            await rendered.ScreenshotAsync(CardBrowserFixture.ScreenshotPath("path-1-form-filled"));
            await rendered.ClickAsync("Submit request");
            var actions = await rendered.ActionsAsync();
            var submit = Assert.Single(actions);
            Assert.Equal("Action.Submit", (string?)submit["type"]);
            response = (JObject)submit["data"]!;
        }

        Assert.Equal("submit-dsr", (string?)response["action"]);
        var (status, accepted) = await app.SendAsync(HttpMethod.Post, "/api/requests", WorkflowSteps.SubmitBody(response, "teams-response-" + Guid.NewGuid().ToString("N"), TeamsApp.ObjectId(TeamsApp.Submitter)));
        Assert.True(status == HttpStatusCode.Accepted, accepted.ToString());
        var id = (string)accepted["requestId"]!;
        Assert.Equal("awaiting-approval", (string?)accepted["status"]);

        // 2. The received card and the approval card reach the channel.
        var received = await app.CardAsync(CardNames.RequestReceived, id);
        await AssertRendersAsync(browser, received, "path-2-received");
        Assert.Contains($"{TeamsApp.StatusBase}/api/requests/{id}", received.ToString(), StringComparison.Ordinal);
        var approval = await app.CardAsync(CardNames.ErasureApproval, id);

        // 3. The submitter answering the approval card is refused (four eyes, by the responder's identity); a second
        // officer approves from the card. The approval flow sends each answer.
        JObject answer;
        await using (var rendered = await browser.RenderAsync(approval))
        {
            Assert.Empty(rendered.Problems);
            await rendered.ScreenshotAsync(CardBrowserFixture.ScreenshotPath("path-3-approval"));
            await rendered.ClickAsync("Approve erasure");
            answer = (JObject)Assert.Single(await rendered.ActionsAsync())["data"]!;
        }

        var (ownId, own) = WorkflowSteps.DecisionBody(answer, TeamsApp.ObjectId(TeamsApp.Submitter));
        var (refused, refusedBody) = await app.SendAsync(HttpMethod.Post, $"/api/requests/{ownId}/decision", own);
        Assert.True(refused == HttpStatusCode.Forbidden, refusedBody.ToString());

        var (requestId, decision) = WorkflowSteps.DecisionBody(answer, TeamsApp.ObjectId(TeamsApp.Approver));
        Assert.Equal(id, requestId);
        var (decided, decidedBody) = await app.SendAsync(HttpMethod.Post, $"/api/requests/{requestId}/decision", decision);
        Assert.True(decided == HttpStatusCode.OK, decidedBody.ToString());
        Assert.Equal(TeamsApp.Submitter, (string?)decidedBody["submittedBy"]);
        Assert.Equal(TeamsApp.Approver, (string?)decidedBody["approvedBy"]);

        // 4. The completion card, with the certificate's outcome per system in short and no download link.
        var completed = await app.CardAsync(CardNames.RequestCompleted, id);
        await AssertRendersAsync(browser, completed, "path-4-completed");
        Assert.Contains("HR system (Teams Testing)", completed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/output", completed.ToString(), StringComparison.Ordinal);

        // Every card names the subject by initials only (the entity's setting), never by name or email.
        var posted = app.Posts.Posts(TeamsApp.Flow).Select(p => p.Body.ToString()).Where(b => b.Contains(id, StringComparison.Ordinal)).ToList();
        Assert.All(posted, body =>
        {
            Assert.DoesNotContain(email, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Sigrid", body, StringComparison.Ordinal);
            Assert.Contains("S. B.", body, StringComparison.Ordinal);
        });
        var trail = await app.Services.Get<IAuditLog>().ReadAsync(id, Ct);
        Assert.True(PrivacySync.Tests.Core.Support.TestAudit.Chain.Verify(trail).IsValid);
        Assert.Equal(TeamsApp.Submitter, trail.Single(e => e.Action == AuditActions.Submitted).Actor);
        Assert.Equal(TeamsApp.Approver, trail.Single(e => e.Action == AuditActions.Approved).Actor);
        var postedCards = trail.Where(e => e.Action == AuditActions.TeamsPosted).Select(e => e.Details!["card"]).ToList();
        Assert.Contains(CardNames.RequestReceived, postedCards);
        Assert.Contains(CardNames.ErasureApproval, postedCards);
        Assert.Contains(CardNames.RequestCompleted, postedCards);
    }

    [Fact]
    public async Task OfficerVerifiesAPendingIdentityFromTheVerificationCard()
    {
        var email = await app.SeedSubjectAsync();
        var id = await SubmitAsync(email, "access", "pending");

        var card = await app.CardAsync(CardNames.VerificationMissing, id);
        var browser = await browsers.BrowserAsync();
        JObject answer;
        await using (var rendered = await browser.RenderAsync(card))
        {
            Assert.Empty(rendered.Problems);
            await rendered.ClickAsync("Identity verified");
            Assert.Empty(await rendered.ActionsAsync()); // the method is required: the renderer refuses the empty choice
            await rendered.Page.GetByLabel("Identity verified by").SelectOptionAsync("id-document");
            await rendered.ClickAsync("Identity verified");
            answer = (JObject)Assert.Single(await rendered.ActionsAsync())["data"]!;
        }

        var (requestId, decision) = WorkflowSteps.DecisionBody(answer, TeamsApp.ObjectId(TeamsApp.Approver));
        var (status, body) = await app.SendAsync(HttpMethod.Post, $"/api/requests/{requestId}/decision", decision);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal("id-document", (string?)decision["method"]);
        Assert.Equal("dispatched", (string?)body["status"]);
        await app.CardAsync(CardNames.RequestCompleted, id);
    }

    [Fact]
    public async Task RefusedPostsAreRetriedWithBackOffAndEachAttemptIsAudited()
    {
        var email = await app.SeedSubjectAsync();
        app.Posts.AddFaults(new TeamsSinkFault(429, 1), 2);

        // Pending verification: two cards (received, verification missing), both posted while the sink refuses twice.
        var id = await SubmitAsync(email, "access", "pending");

        await app.CardAsync(CardNames.RequestReceived, id);
        await app.CardAsync(CardNames.VerificationMissing, id);
        // The post is audited once the webhook has answered: wait for both cards' "posted".
        IReadOnlyList<AuditEvent> trail;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        do
        {
            trail = await app.Services.Get<IAuditLog>().ReadAsync(id, Ct);
            Assert.True(DateTime.UtcNow < deadline, "the posts were not audited in time");
            await Task.Delay(100, Ct);
        }
        while (trail.Count(e => e.Action == AuditActions.TeamsPosted) < 2);

        var posts = trail.Where(e => e.Action is AuditActions.TeamsPosted or AuditActions.TeamsPostFailed).ToList();
        var failed = posts.Where(e => e.Action == AuditActions.TeamsPostFailed).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, e => Assert.Equal("429", e.Details!["status"]));
        foreach (var card in posts.GroupBy(e => e.Details!["notification"]))
        {
            var attempts = card.ToList();
            // 1, 2, … without a gap, ending in one post; each retry after the webhook's Retry-After (1 s).
            Assert.Equal(Enumerable.Range(1, attempts.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), attempts.Select(e => e.Details!["attempt"]));
            Assert.Equal(AuditActions.TeamsPosted, attempts[^1].Action);
            Assert.Single(attempts, e => e.Action == AuditActions.TeamsPosted);
            for (var i = 1; i < attempts.Count; i++)
            {
                Assert.True(attempts[i].At - attempts[i - 1].At >= TimeSpan.FromSeconds(0.9), $"{card.Key}: attempt {i + 1} came before the webhook's Retry-After");
            }
        }
    }

    [Fact]
    public async Task NoWebhookGetsMoreThanFourPostsInAnySecond()
    {
        var email = await app.SeedSubjectAsync();
        var before = app.Posts.Posts(TeamsApp.Flow).Count;

        // Twelve pending requests: a received and a verification card each, 24 cards at once.
        var ids = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => SubmitAsync(email, "access", "pending")));

        foreach (var id in ids)
        {
            await app.CardAsync(CardNames.VerificationMissing, id);
            await app.CardAsync(CardNames.RequestReceived, id);
        }

        var times = app.Posts.Posts(TeamsApp.Flow).Skip(before).Select(p => p.ReceivedAt).Order().ToList();
        Assert.True(times.Count >= 24);
        // Five posts within a second break the limit. Arrival times carry the network's jitter (a busy machine's
        // too), so a window of five gets 150 ms of slack and a window of nine, 2 s at 4/s, as much: 5/s fails both.
        for (var i = 4; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 4] >= TimeSpan.FromMilliseconds(850), $"posts {i - 4}..{i} arrived within {(times[i] - times[i - 4]).TotalMilliseconds} ms");
        }

        for (var i = 8; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 8] >= TimeSpan.FromMilliseconds(1850), $"posts {i - 8}..{i} arrived within {(times[i] - times[i - 8]).TotalMilliseconds} ms");
        }
    }

    // An unknown address with someone's employee number: the HR task stops as identity-conflict and the channel is told,
    // by the request id, the system and the record reference only.
    [Fact]
    public async Task ATaskEnteringIdentityConflictPostsTheIdentityConflictCardWithIdsOnly()
    {
        var employeeId = $"E-{Random.Shared.Next(100_000, 999_999)}";
        var email = await app.SeedSubjectAsync(employeeId);
        var unknown = $"nobody.{Guid.NewGuid():N}@example.com";

        var id = await SubmitAsync(unknown, "access", "bankid", employeeId: employeeId);

        var card = await app.CardAsync(CardNames.IdentityConflict, id);
        await AssertRendersAsync(await browsers.BrowserAsync(), card, "identity-conflict");
        var text = card.ToString();
        Assert.Contains("HR system (Teams Testing)", text, StringComparison.Ordinal);
        Assert.Contains("hr-api", text, StringComparison.Ordinal);
        Assert.Contains("employee-id", text, StringComparison.Ordinal); // which identifier reached the record, by name
        Assert.Contains($"{TeamsApp.StatusBase}/api/requests/{id}", text, StringComparison.Ordinal);
        foreach (var personal in new[] { unknown, email, employeeId, "Sigrid", "S. B." })
        {
            Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase); // no initials either, whatever the entity allows
        }

        using var officer = await app.Entra.ClientAsync(app.Host.BaseAddress, app.Entra.UserTokenAsync(TeamsApp.Submitter));
        var request = JObject.Parse(await officer.GetStringAsync($"/api/requests/{id}", Ct));
        var task = Assert.Single((JArray)request["tasks"]!);
        Assert.Equal("identity-conflict", (string?)task["status"]);
        var trail = await app.Services.Get<IAuditLog>().ReadAsync(id, Ct);
        Assert.Single(trail, e => e.Action == AuditActions.TaskIdentityConflict);
        Assert.DoesNotContain(trail, e => e.Action is AuditActions.TaskSucceeded or AuditActions.TaskFailed);
    }

    [Fact]
    public async Task RequestCompletesWhenItsCardsCannotBePostedAndTheTrailSaysWhy()
    {
        var email = await app.SeedSubjectAsync();

        var id = await SubmitAsync(email, "access", "bankid", TeamsApp.UnsetEntity);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        IReadOnlyList<AuditEvent> trail;
        do
        {
            await Task.Delay(200, Ct);
            trail = await app.Services.Get<IAuditLog>().ReadAsync(id, Ct);
            Assert.True(DateTime.UtcNow < deadline, $"request {id} did not complete with its card failures audited{Environment.NewLine}{app.Host.Output}");
        }
        while (!trail.Any(e => e.Action == AuditActions.Completed)
            || trail.Count(e => e.Action == AuditActions.TeamsPostFailed) < 2);

        Assert.Equal("completed", trail.Single(e => e.Action == AuditActions.Completed).Outcome);
        Assert.DoesNotContain(trail, e => e.Action == AuditActions.TeamsPosted);
        Assert.All(trail.Where(e => e.Action == AuditActions.TeamsPostFailed),
            e => Assert.Contains(TeamsApp.UnsetWebhookSetting, e.Details!["reason"], StringComparison.Ordinal));
        Assert.DoesNotContain(app.Posts.Posts(null), p => p.Body.ToString().Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARequestAnsweredInSwedishGetsItsCardsInSwedish()
    {
        var email = await app.SeedSubjectAsync();

        var id = await SubmitAsync(email, "access", "pending", language: "sv");

        var received = await app.CardAsync(CardNames.RequestReceived, id);
        var verification = await app.CardAsync(CardNames.VerificationMissing, id);
        await AssertRendersAsync(await browsers.BrowserAsync(), verification, "verification-missing-sv");
        Assert.Equal("sv", (string?)received["lang"]);
        Assert.StartsWith("Begäran mottagen: ", (string?)received["body"]![0]!["text"], StringComparison.Ordinal);
        Assert.Equal("Identitetskontroll saknas", (string?)verification["body"]![0]!["text"]);
        Assert.Equal(["Identitet kontrollerad", "Öppna status"], verification["actions"]!.Select(a => (string?)a["title"]));
    }

    private async Task<string> SubmitAsync(
        string email, string type, string verification, string entity = TeamsApp.Entity, string? employeeId = null, string language = "en")
    {
        var (status, body) = await app.SendAsync(HttpMethod.Post, "/api/requests", new JObject
        {
            ["employeeId"] = employeeId,
            ["requestType"] = type,
            ["subjectName"] = "Sigrid Bakke",
            ["subjectEmail"] = email,
            ["legalEntity"] = entity,
            ["language"] = language,
            ["receivedOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["identityVerification"] = verification,
            ["submissionId"] = "teams-" + Guid.NewGuid().ToString("N"),
            [PrivacySync.Functions.Auth.ApiRoles.RespondingOfficer] = TeamsApp.ObjectId(TeamsApp.Submitter),
        });
        Assert.True(status == HttpStatusCode.Accepted, body.ToString());
        return (string)body["requestId"]!;
    }

    private static async Task AssertRendersAsync(CardBrowser browser, JObject card, string screenshot)
    {
        await using var rendered = await browser.RenderAsync(card);
        await rendered.ScreenshotAsync(CardBrowserFixture.ScreenshotPath(screenshot));
        Assert.Empty(rendered.Problems);
        Assert.Empty(await rendered.ClippedTextAsync());
    }
}
