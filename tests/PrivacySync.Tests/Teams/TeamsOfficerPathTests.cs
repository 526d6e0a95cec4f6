using System.Globalization;
using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Functions.Teams;
using PrivacySync.Sandbox.Teams;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// The privacy office's path through Teams, in the official renderer in headless Chromium, the published app under
/// the local host, Azurite and the sandbox's Workflows webhook: fill in the form and submit it, get the received
/// card, approve the erasure from its card as a second officer, get the completion card.
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
            await page.GetByLabel("Request").SelectOptionAsync("erasure");
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
        var (status, accepted) = await app.SendAsync(HttpMethod.Post, "/api/requests", WorkflowSteps.SubmitBody(response, "teams-response-" + Guid.NewGuid().ToString("N"), TeamsApp.Submitter));
        Assert.True(status == HttpStatusCode.Accepted, accepted.ToString());
        var id = (string)accepted["requestId"]!;
        Assert.Equal("awaiting-approval", (string?)accepted["status"]);

        // 2. The received card and the approval card reach the channel.
        var received = await app.CardAsync(CardNames.RequestReceived, id);
        await AssertRendersAsync(browser, received, "path-2-received");
        Assert.Contains($"{TeamsApp.StatusBase}/api/requests/{id}", received.ToString(), StringComparison.Ordinal);
        var approval = await app.CardAsync(CardNames.ErasureApproval, id);

        // 3. A second officer approves from the card; the approval flow sends the decision.
        JObject answer;
        await using (var rendered = await browser.RenderAsync(approval))
        {
            Assert.Empty(rendered.Problems);
            await rendered.ScreenshotAsync(CardBrowserFixture.ScreenshotPath("path-3-approval"));
            await rendered.ClickAsync("Approve erasure");
            answer = (JObject)Assert.Single(await rendered.ActionsAsync())["data"]!;
        }

        var (requestId, decision) = WorkflowSteps.DecisionBody(answer, TeamsApp.Approver);
        Assert.Equal(id, requestId);
        var (decided, decidedBody) = await app.SendAsync(HttpMethod.Post, $"/api/requests/{requestId}/decision", decision);
        Assert.True(decided == HttpStatusCode.OK, decidedBody.ToString());

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
        Assert.True(AuditChain.Verify(trail).IsValid);
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

        var (requestId, decision) = WorkflowSteps.DecisionBody(answer, TeamsApp.Approver);
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

        var id = await SubmitAsync(email, "access", "bankid");

        await app.CardAsync(CardNames.RequestReceived, id);
        var trail = await app.Services.Get<IAuditLog>().ReadAsync(id, Ct);
        var received = trail.Where(e => e.Details is { } d && d.TryGetValue("card", out var c) && c == CardNames.RequestReceived).ToList();
        Assert.Equal([AuditActions.TeamsPostFailed, AuditActions.TeamsPostFailed, AuditActions.TeamsPosted], received.Select(e => e.Action));
        Assert.Equal(["1", "2", "3"], received.Select(e => e.Details!["attempt"]));
        Assert.Equal("429", received[0].Details!["status"]);
        // Retry-After (1 s) was honoured between the attempts.
        Assert.True(received[1].At - received[0].At >= TimeSpan.FromSeconds(0.9), "the retry came before the webhook's Retry-After");
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
        for (var i = 4; i < times.Count; i++)
        {
            // Five posts within a second would break the limit (a little slack for the network's jitter on arrival).
            Assert.True(times[i] - times[i - 4] >= TimeSpan.FromMilliseconds(950), $"posts {i - 4}..{i} arrived within {(times[i] - times[i - 4]).TotalMilliseconds} ms");
        }
    }

    private async Task<string> SubmitAsync(string email, string type, string verification)
    {
        var (status, body) = await app.SendAsync(HttpMethod.Post, "/api/requests", new JObject
        {
            ["requestType"] = type,
            ["subjectName"] = "Sigrid Bakke",
            ["subjectEmail"] = email,
            ["legalEntity"] = TeamsApp.Entity,
            ["language"] = "en",
            ["receivedOn"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["identityVerification"] = verification,
            ["submissionId"] = "teams-" + Guid.NewGuid().ToString("N"),
            ["submittedBy"] = TeamsApp.Submitter,
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
