using System.IO.Compression;
using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Review;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Wiring;

/// <summary>
/// The officer review of mail texts (Art. 15(4)) end to end: the real Microsoft 365 connector against the Graph
/// simulator, the published app under the local host, officers with their own Entra tokens. Texts wait after
/// collection, bad decisions change nothing, and the package holds each text as decided.
/// </summary>
public sealed class MailReviewFlowTests
{
    private const string ThirdParty = "Kari Nordmann, mobil 987 65 432";
    private const string Salaries = "the salaries of the whole team";
    private const string RedactReason = "a colleague's health data";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MailTextsWaitForAnOfficersDecisionsAndReachThePackageAsDecided()
    {
        await using var systems = await RealSystems.StartAsync(setup: new RealSystemsSetup
        {
            Systems = ["m365"],
            Entity = entity => entity["Review"] = new JObject { ["MailBodies"] = true },
        });
        var now = DateTimeOffset.UtcNow;
        systems.Graph.AddMessage(systems.Email, "colleague@example.com", [systems.Email], now.AddDays(-2), "Sick leave",
            body: $"Hi Ingrid, {ThirdParty} is off sick this week. Regards");
        systems.Graph.AddMessage(systems.Email, "payroll@example.com", [systems.Email], now.AddDays(-3), "Pay review",
            body: $"Confidential: {Salaries} for next year.");

        var (id, _) = await systems.SubmitAsync("access");
        await systems.WaitUntilAsync(async () => (string?)(await systems.SendAsync(HttpMethod.Get, $"/api/requests/{id}", null, HttpStatusCode.OK))["status"] == "awaiting-review",
            "the request waiting on review after collection");
        var view = await systems.SendAsync(HttpMethod.Get, $"/api/requests/{id}", null, HttpStatusCode.OK);
        Assert.Equal(3, (int)view["review"]!["items"]!);
        Assert.Empty((JArray)view["outputs"]!); // no package before the review

        var listed = await systems.SendAsync(HttpMethod.Get, $"/api/requests/{id}/review", null, HttpStatusCode.OK);
        Assert.Equal(3, (int)listed["total"]!);
        Assert.Equal(3, (int)listed["undecided"]!);
        var items = ((JArray)listed["items"]!).Cast<JObject>().ToList();
        Assert.All(items, i => Assert.Equal("m365", (string?)i["system"]));
        Assert.All(items, i => Assert.Null(i["fields"]!["body"])); // the text once, as "text"
        var sick = Item(items, "Sick leave");
        var pay = Item(items, "Pay review");
        var plain = Assert.Single(items, i => i != sick && i != pay);
        Assert.Contains(ThirdParty, (string?)sick["text"], StringComparison.Ordinal);

        // Every problem at once, by path, and nothing written.
        var refused = await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/review", new JObject
        {
            ["decisions"] = new JArray(
                Decision("m365.999", "include", "nothing of others"),
                Decision(Id(sick), "redact", RedactReason, "not in the text"),
                new JObject { ["item"] = Id(pay), ["decision"] = "exclude" },
                Decision(Id(plain), "publish", "why not"),
                Decision(Id(plain), "include", "twice", "a passage")),
        }, HttpStatusCode.BadRequest);
        Assert.Equal(
            ["decisions[0].item", "decisions[1].redact[0]", "decisions[2].reason", "decisions[3].decision", "decisions[4].item", "decisions[4].redact"],
            refused["errors"]!.Select(e => (string)e["field"]!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("not in the text", refused.ToString(), StringComparison.Ordinal);
        await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/review", new JObject(), HttpStatusCode.BadRequest);
        Assert.Equal(3, (int)(await systems.SendAsync(HttpMethod.Get, $"/api/requests/{id}/review", null, HttpStatusCode.OK))["undecided"]!);
        Assert.DoesNotContain(await systems.Service<IAuditLog>().ReadAsync(id, Ct), e => e.Action == AuditActions.ReviewDecided);

        // Two decisions; the same call again is answered the same; another decision on a decided item is refused.
        var first = new JObject
        {
            ["decisions"] = new JArray(
                Decision(Id(plain), "include", "only the subject's own text"),
                Decision(Id(sick), "redact", RedactReason, ThirdParty)),
        };
        Assert.Equal(1, (int)(await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/review", first, HttpStatusCode.OK))["undecided"]!);
        Assert.Equal(1, (int)(await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/review", (JObject)first.DeepClone(), HttpStatusCode.OK))["undecided"]!);
        var changed = await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/review",
            new JObject { ["decisions"] = new JArray(Decision(Id(plain), "exclude", "second thoughts")) }, HttpStatusCode.Conflict);
        Assert.Equal("decisions[0].item", (string?)changed["errors"]![0]!["field"]);
        Assert.Equal("awaiting-review", (string?)(await systems.SendAsync(HttpMethod.Get, $"/api/requests/{id}", null, HttpStatusCode.OK))["status"]);

        // The second officer settles the last text: the package is made.
        await systems.SendAsync(HttpMethod.Post, $"/api/requests/{id}/review",
            new JObject { ["decisions"] = new JArray(Decision(Id(pay), "exclude", "other employees' salaries")) }, HttpStatusCode.OK, RealSystems.Approver);
        var done = await systems.WaitForCompletionAsync(id);
        Assert.Equal("completed", (string?)done["status"]);
        await systems.SendAsync(HttpMethod.Get, $"/api/requests/{id}/review", null, HttpStatusCode.Conflict); // nothing left to review

        using var package = new MemoryStream(await systems.DownloadAsync(id, "export.zip"));
        using var zip = new ZipArchive(package, ZipArchiveMode.Read);
        var mail = JArray.Parse(await Text(zip, "systems/m365/mail.json")).Cast<JObject>().ToList();
        Assert.Equal(3, mail.Count);
        Assert.Contains(mail, m => m.Properties().Any(p => (string?)p.Value == "text")); // included as it is
        var redacted = Assert.Single(mail, m => Values(m).Any(v => v.Contains("is off sick", StringComparison.Ordinal)));
        Assert.Contains($"Hi Ingrid, {MailReview.RedactedMark} is off sick this week. Regards", Values(redacted));
        var language = PrivacySync.Core.Common.WireNames.Parse<PrivacySync.Core.Common.Language>((string?)done["language"]);
        Assert.Contains(mail, m => Values(m).Contains(MailReview.Withheld(language))); // in the request's language
        foreach (var entry in zip.Entries)
        {
            var text = await Text(zip, entry.FullName);
            Assert.DoesNotContain(ThirdParty, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Salaries, text, StringComparison.Ordinal);
        }

        var events = await CompletedTrailAsync(systems, id);
        Assert.True(TestAudit.Chain.Verify(events).IsValid);
        Assert.Equal("3", Assert.Single(events, e => e.Action == AuditActions.ReviewRequired).Outcome);
        var decided = events.Where(e => e.Action == AuditActions.ReviewDecided).ToList();
        Assert.Equal(
            new[] { (Id(plain), "include", RealSystems.Submitter), (Id(sick), "redact", RealSystems.Submitter), (Id(pay), "exclude", RealSystems.Approver) }
                .OrderBy(d => d.Item1, StringComparer.Ordinal),
            decided.Select(e => (e.Details!["item"], e.Outcome!, e.Actor)).OrderBy(d => d.Item1, StringComparer.Ordinal));
        Assert.Equal("1", Assert.Single(decided, e => e.Outcome == "redact").Details!["passages"]);
        Assert.True(decided.Max(e => e.Sequence) < Assert.Single(events, e => e.Action == AuditActions.Assembled).Sequence);
        var trail = Newtonsoft.Json.JsonConvert.SerializeObject(events);
        var lines = systems.AppOutput;
        foreach (var secret in new[] { ThirdParty, Salaries, RedactReason, "other employees' salaries" })
        {
            Assert.DoesNotContain(secret, trail, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, lines, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WithoutTheEntitySettingMailTextsGoIntoThePackageWithoutWaiting()
    {
        await using var systems = await RealSystems.StartAsync(setup: new RealSystemsSetup { Systems = ["m365"] });
        systems.Graph.AddMessage(systems.Email, "colleague@example.com", [systems.Email], DateTimeOffset.UtcNow.AddDays(-2), "Sick leave", body: ThirdParty);

        var (id, _) = await systems.SubmitAsync("access");
        var done = await systems.WaitForCompletionAsync(id);

        Assert.Equal("completed", (string?)done["status"]);
        Assert.Null(done["review"]);
        using var package = new MemoryStream(await systems.DownloadAsync(id, "export.zip"));
        using var zip = new ZipArchive(package, ZipArchiveMode.Read);
        Assert.Contains(ThirdParty, await Text(zip, "systems/m365/mail.json"), StringComparison.Ordinal);
        Assert.DoesNotContain(await systems.Service<IAuditLog>().ReadAsync(id, Ct), e => e.Action == AuditActions.ReviewRequired);
    }

    [Fact]
    public async Task DecisionsWhoseWorkerDiedBeforeTheirEventsAreAuditedAndPackagedAfterTheNightlyRun()
    {
        var folder = Directory.CreateTempSubdirectory("privacysync-review-crash-").FullName;
        try
        {
            await using var systems = await RealSystems.StartAsync(
                new Dictionary<string, string?>
                {
                    [PrivacySync.Functions.Orchestration.FaultPoints.CrashAtSetting] = PrivacySync.Functions.Orchestration.FaultPoints.Windows.ReviewDecisionsStored,
                    [PrivacySync.Functions.Orchestration.FaultPoints.CrashOnceFileSetting] = Path.Combine(folder, "crashed"),
                },
                new RealSystemsSetup { Systems = ["m365"], Entity = entity => entity["Review"] = new JObject { ["MailBodies"] = true } });
            var (id, _) = await systems.SubmitAsync("access");
            await systems.WaitUntilAsync(async () => (string?)(await systems.SendAsync(HttpMethod.Get, $"/api/requests/{id}", null, HttpStatusCode.OK))["status"] == "awaiting-review",
                "the request waiting on review after collection");
            var item = (string)Assert.Single((JArray)(await systems.SendAsync(HttpMethod.Get, $"/api/requests/{id}/review", null, HttpStatusCode.OK))["items"]!)["item"]!;

            // The worker dies after storing the decision: no event, no collect message, and the officer does not call again.
            using (var body = new StringContent(new JObject { ["decisions"] = new JArray(Decision(item, "include", "the subject's own text")) }.ToString(),
                       System.Text.Encoding.UTF8, "application/json"))
            {
                try
                {
                    using var _ = await (await systems.ApiAsync()).PostAsync($"/api/requests/{id}/review", body, Ct);
                }
                catch (HttpRequestException)
                {
                    // The connection died with the worker.
                }
            }

            Assert.True(File.Exists(Path.Combine(folder, "crashed")), "no worker reached the window");
            Assert.DoesNotContain(await systems.Service<IAuditLog>().ReadAsync(id, Ct), e => e.Action == AuditActions.ReviewDecided);
            var reconciler = await PrivacySync.Storage.Reconciliation.ReconciliationServiceCollectionExtensions.CreateReconcilerAsync(
                PrivacySync.Storage.StorageClients.FromConnectionString(systems.Storage.ConnectionString), TestAudit.Chain, null,
                new PrivacySync.Core.Reconciliation.ReconciliationOptions { LostMessageGrace = TimeSpan.Zero }, TimeProvider.System, Ct);
            var night = await reconciler.RunAsync(DateOnly.FromDateTime(DateTime.UtcNow), dryRun: false, Ct);
            Assert.Contains(night.Findings, f => f.RequestId == id && f.Kind == PrivacySync.Core.Reconciliation.FindingKind.LostMessage && f.Repaired is not null);
            var done = await systems.WaitForCompletionAsync(id, TimeSpan.FromSeconds(120));

            Assert.Equal("completed", (string?)done["status"]);
            var events = await CompletedTrailAsync(systems, id);
            Assert.True(TestAudit.Chain.Verify(events).IsValid);
            var decided = Assert.Single(events, e => e.Action == AuditActions.ReviewDecided);
            Assert.Equal((item, "include", RealSystems.Submitter), (decided.Details!["item"], decided.Outcome, decided.Actor));
            Assert.Single(events, e => e.Action == AuditActions.Completed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The trail once the completion's events are in (they are appended right after the completion write).</summary>
    private static async Task<IReadOnlyList<AuditEvent>> CompletedTrailAsync(RealSystems systems, string id)
    {
        IReadOnlyList<AuditEvent> events = [];
        await systems.WaitUntilAsync(async () =>
        {
            events = await systems.Service<IAuditLog>().ReadAsync(id, Ct);
            return events.Any(e => e.Action == AuditActions.Completed);
        }, "the completion's events");
        return events;
    }

    private static JObject Decision(string item, string decision, string reason, string? passage = null)
    {
        var json = new JObject { ["item"] = item, ["decision"] = decision, ["reason"] = reason };
        if (passage is not null)
        {
            json["redact"] = new JArray(passage);
        }

        return json;
    }

    private static JObject Item(IEnumerable<JObject> items, string subject) =>
        Assert.Single(items, i => i["fields"]!.Values().Any(v => (string?)v == subject));

    private static string Id(JObject item) => (string)item["item"]!;

    private static IEnumerable<string> Values(JObject record) => record.Properties().Select(p => (string?)p.Value).OfType<string>();

    private static async Task<string> Text(ZipArchive zip, string path)
    {
        await using var stream = zip.GetEntry(path)!.Open();
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(Ct);
    }
}
