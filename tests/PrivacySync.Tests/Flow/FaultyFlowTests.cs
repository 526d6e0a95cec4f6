using System.IO.Compression;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Tasks;
using PrivacySync.Tests.Wiring;

namespace PrivacySync.Tests.Flow;

/// <summary>
/// The flow when a system misbehaves, through the published app under the local Functions host: the HR REST
/// system (a real connector against its simulator) is made to reject, throttle or hang; the others answer normally.
/// </summary>
public sealed class FaultyFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneFailingSystemDoesNotHideTheOthers()
    {
        await using var systems = await RealSystems.StartAsync();
        await systems.InjectHrRestFaultAsync(401, count: 10);

        var (id, _) = await systems.SubmitAsync("access");
        var request = await systems.WaitForCompletionAsync(id);

        Assert.True((string?)request["status"] == "completed-with-exceptions", request.ToString());
        var tasks = await systems.TasksAsync(id);
        var failed = tasks.Single(t => t.SystemId == "hr-api");
        Assert.Equal(SystemTaskStatus.Failed, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("401", failed.LastError);
        Assert.All(tasks.Where(t => t.SystemId != "hr-api"), t => Assert.Equal(SystemTaskStatus.Succeeded, t.Status));

        using var package = new ZipArchive(new MemoryStream(await systems.DownloadAsync(id, "export.zip")));
        Assert.Contains(package.Entries, e => e.FullName.StartsWith("systems/crm/", StringComparison.Ordinal));
        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("systems/hr-api/", StringComparison.Ordinal));
        using var manifest = new StreamReader(package.GetEntry("manifest.json")!.Open());
        Assert.Contains(failed.LastError!, await manifest.ReadToEndAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThrottledSystemIsRetriedHonouringItsRetryAfter()
    {
        await using var systems = await RealSystems.StartAsync();
        await systems.InjectHrRestFaultAsync(429, count: 2, retryAfterSeconds: 1);

        var (id, _) = await systems.SubmitAsync("access");
        var request = await systems.WaitForCompletionAsync(id);

        Assert.True((string?)request["status"] == "completed", request.ToString());
        var throttled = (await systems.TasksAsync(id)).Single(t => t.SystemId == "hr-api");
        Assert.Equal(SystemTaskStatus.Succeeded, throttled.Status);
        Assert.Equal(3, throttled.Attempts);
        var events = await systems.Service<IAuditLog>().ReadAsync(id, Ct);
        var retries = events.Where(e => e.Action == AuditActions.TaskRetry && e.SystemId == "hr-api").ToList();
        Assert.Equal(2, retries.Count);
        var succeeded = events.Single(e => e.Action == AuditActions.TaskSucceeded && e.SystemId == "hr-api");
        // Each retry waited out the one second the system asked for.
        Assert.True(succeeded.At - retries[0].At >= TimeSpan.FromSeconds(1), $"{retries[0].At:O} → {succeeded.At:O}");
    }

    [Fact]
    public async Task HangingSystemTimesOutAndFailsWhenItsAttemptsAreSpent()
    {
        await using var systems = await RealSystems.StartAsync(new Dictionary<string, string?>
        {
            ["PrivacySync:TaskTimeout"] = "00:00:05",
            ["PrivacySync:TaskLease"] = "00:00:08",
        });
        await systems.InjectHrRestFaultAsync(0, count: 10, delayMs: 120_000);

        var (id, _) = await systems.SubmitAsync("access");
        var request = await systems.WaitForCompletionAsync(id, TimeSpan.FromSeconds(90));

        Assert.True((string?)request["status"] == "completed-with-exceptions", request.ToString());
        var hung = (await systems.TasksAsync(id)).Single(t => t.SystemId == "hr-api");
        Assert.Equal(SystemTaskStatus.Failed, hung.Status);
        Assert.Equal(3, hung.Attempts);
        Assert.Contains("did not answer", hung.LastError);
        Assert.Contains("gave up after 3 attempts", hung.LastError);
    }
}
