using System.Globalization;
using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Common;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Teams;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// The nightly reconciliation's summary card: the published app's timer function, run now through the local host's
/// admin endpoint, stores the night's report and hands its summary to the Teams sink, which posts one card per entity
/// with a channel to the sandbox's Workflows webhook — ids, kinds and counts only, in the entity's language, linking the report.
/// </summary>
public sealed class NightlySummaryCardTests(TeamsApp app) : IClassFixture<TeamsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheNightlyRunPostsEachEntitysSummaryCardWithIdsAndCountsOnly()
    {
        // The app reconciles the night of its local clock: a request due tomorrow is due soon, and urgent.
        var today = DateOnly.FromDateTime(DateTime.Now);
        var now = DateTimeOffset.UtcNow;
        var request = new DataSubjectRequest
        {
            RequestId = new RequestIds(TimeProvider.System).Next(),
            Type = RequestType.Access,
            LegalEntityId = TeamsApp.Entity,
            ReceivedOn = today.AddMonths(-1).AddDays(1),
            DueOn = today.AddDays(1),
            Status = RequestStatus.AwaitingVerification,
            SubmittedBy = TeamsApp.Submitter,
            SubmissionId = Guid.NewGuid().ToString(),
            Verification = IdentityVerification.Pending,
            Language = Language.English,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Assert.True(await app.Services.Get<IRequestStore>().TryCreateAsync(request, Ct));

        using var admin = app.Host.CreateClient(withFunctionKey: false);
        using var run = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/NightlyReconciliation") { Content = new StringContent("{}") };
        run.Headers.Add("x-functions-key", AppHost.MasterKey);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.SendAsync(run, Ct)).StatusCode);

        var card = await app.CardAsync(CardNames.NightlySummary, request.RequestId);

        // In the entity's language (nb): the summary is the office's, not one request's.
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal("nb", (string?)card["lang"]);
        Assert.Contains($"Nattlig oppsummering for {day}", card.ToString(), StringComparison.Ordinal);
        var facts = card.SelectTokens("$..facts[*]").ToDictionary(f => (string)f["title"]!, f => (string)f["value"]!);
        Assert.Equal("1", facts["Frist innen 7 dager"]);
        Assert.Equal("0", facts["Forfalt"]);
        var lines = card.SelectTokens("$.body[?(@.type == 'TextBlock')].text").Select(t => (string)t!).ToList();
        Assert.Contains($"- {request.RequestId}: frist innen 7 dager", lines);
        // Ids and kinds only: the finding's sentence (its dates, its advice) stays in the report.
        Assert.DoesNotContain("Due in 1 day", card.ToString(), StringComparison.Ordinal);
        Assert.Equal($"{TeamsApp.StatusBase}/api/reports/{day}", (string?)card.SelectToken("$.actions[0].url"));
        // The entity whose webhook setting is not set gets no card; the channel got one summary for this night.
        Assert.Single(app.Posts.Posts(TeamsApp.Flow), p => (string?)p.Body["attachments"]![0]!["name"] == CardNames.NightlySummary);
    }
}
