using System.Globalization;
using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation.Reporting;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Teams;
using PrivacySync.Storage;
using PrivacySync.Storage.Reconciliation;
using PrivacySync.Tests.Cli;
using PrivacySync.Tests.Core.Support;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// The nightly reconciliation's summary card: the published app's timer function, run now through the local host's
/// admin endpoint, stores the night's report and hands its summary to the Teams sink, which posts one card per entity
/// with a channel to the sandbox's Workflows webhook — ids, kinds and counts only, in the entity's language, linking the report;
/// <c>privacysync reconcile</c> beside the app does the same, and a night sent again is posted once.
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
        Assert.Single(SummariesFor(day));
    }

    [Fact]
    public async Task TheCommandLinesReconcilePostsTheSummaryOnceHoweverOftenTheNightIsSent()
    {
        const string Night = "2031-03-03";
        var cli = new CliRunner(new Dictionary<string, string?>
        {
            [StorageSettings.SettingName] = app.Storage.ConnectionString,
            [AuditKey.SettingName] = TestAudit.Key,
            ["PrivacySync:ConfigPath"] = app.ConfigPath,
        });

        var posted = $"Teams card {CardNames.NightlySummary} for {TeamsApp.Entity} posted";
        var skipped = $"Teams card {CardNames.NightlySummary} for {TeamsApp.Entity} skipped: already posted";
        var (postedBefore, skippedBefore) = (app.LogCount(posted), app.LogCount(skipped));

        Assert.Equal(0, await cli.RunAsync("reconcile", "--date", Night));
        var card = await app.CardAsync(CardNames.NightlySummary, $"Nattlig oppsummering for {Night}");
        await app.LogLineAsync(posted, times: postedBefore + 1); // logged once the post is marked

        // Built by the app from the night's stored report, in the entity's language, linking that report.
        Assert.Equal($"{TeamsApp.StatusBase}/api/reports/{Night}", (string?)card.SelectToken("$.actions[0].url"));
        // The night sent again: a second run that took the night over sends each entity's message again, and the queue
        // may deliver one message twice. Each finds the post mark; the channel still holds one summary for the night.
        var clients = StorageClients.FromConnectionString(app.Storage.ConnectionString);
        var night = DateOnly.ParseExact(Night, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await new TeamsSummaryQueue(clients, app.Configuration).PublishAsync(
            NightlySummary.Of(new ReconciliationReport(night, DateTimeOffset.UtcNow, 0, [], [], []), "dsr-reports/reports/" + Night + "/"), Ct);
        var redelivered = new NotificationMessage(CardNames.NightlySummary, null, EntityId: TeamsApp.Entity, Night: Night);
        await clients.SendAsync(FlowQueueNames.Notify, CoreJson.Serialize(redelivered), null, Ct);
        await app.LogLineAsync(skipped, times: skippedBefore + 2);

        Assert.Single(SummariesFor(Night));
        // The second command-line run finds the night reconciled: it changes nothing and sends nothing.
        Assert.Equal(0, await cli.RunAsync("reconcile", "--date", Night));
        Assert.Contains("already reconciled", cli.Output, StringComparison.Ordinal);
    }

    private IEnumerable<JToken> SummariesFor(string night) =>
        app.Posts.Posts(TeamsApp.Flow)
            .Select(p => p.Body["attachments"]![0]!)
            .Where(a => (string?)a["name"] == CardNames.NightlySummary && a["content"]!.ToString().Contains($"Nattlig oppsummering for {night}", StringComparison.Ordinal));
}
