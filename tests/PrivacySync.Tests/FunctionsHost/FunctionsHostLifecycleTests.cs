using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.FunctionsHost;

[Collection(nameof(FunctionsHostCollection))]
public sealed class FunctionsHostLifecycleTests(ProbeAppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StopLetsAnInFlightInvocationFinishWithinTheGracePeriod()
    {
        var probe = await ProbeHost.StartAsync(fixture, shutdownGrace: TimeSpan.FromSeconds(15));
        await using (probe)
        {
            await probe.SendAsync(probe.Names.Slow, "slow:2000:graceful");
            await probe.WaitForRecordsAsync(r => r.Any(x => (string?)x["phase"] == "started"), TimeSpan.FromSeconds(15));

            await probe.Host.StopAsync(Ct);

            var records = await probe.WaitForRecordsAsync(r => r.Any(x => (string?)x["phase"] == "finished"), TimeSpan.FromSeconds(5));
            Assert.Equal(["started", "finished"], records.Select(r => (string)r["phase"]!));
            await probe.WaitUntilEmptyAsync(probe.Names.Slow, TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task StopMakesAnUnfinishedMessageVisibleAgainAtOnce()
    {
        var probe = await ProbeHost.StartAsync(fixture, shutdownGrace: TimeSpan.FromMilliseconds(300));
        await using (probe)
        {
            await probe.SendAsync(probe.Names.Slow, "slow:20000:abandoned");
            await probe.WaitForRecordsAsync(r => r.Any(x => (string?)x["phase"] == "started"), TimeSpan.FromSeconds(15));

            var stopping = Stopwatch.StartNew();
            await probe.Host.StopAsync(Ct);

            // Not after the 30 s lease: released on stop, so another instance can take it now.
            var visible = await probe.DrainAsync(probe.Names.Slow, 1, TimeSpan.FromSeconds(3));
            Assert.Equal(["slow:20000:abandoned"], visible);
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopping.Elapsed}");
            Assert.True(probe.Host.WorkerProcessId == 0 || !IsRunning(probe.Host.WorkerProcessId), "the worker is gone after stop");
        }
    }

    [Fact]
    public async Task RestartsAKilledWorkerAndProcessesTheInterruptedMessageAgain()
    {
        var app = fixture.Variant(hostJson => hostJson["extensions"]!["queues"]!["visibilityTimeout"] = "00:00:01");
        await using var probe = await ProbeHost.StartAsync(fixture, app);
        var firstWorker = probe.Host.WorkerProcessId;
        await probe.SendAsync(probe.Names.Slow, "slow:1500:killed");
        var started = await probe.WaitForRecordsAsync(r => r.Any(x => (string?)x["phase"] == "started"), TimeSpan.FromSeconds(15));
        Assert.Equal(firstWorker, (int)started[0]["pid"]!);

        Process.GetProcessById(firstWorker).Kill(entireProcessTree: true);

        var records = await probe.WaitForRecordsAsync(r => r.Any(x => (string?)x["phase"] == "finished"), TimeSpan.FromSeconds(40));
        var finished = records.Single(r => (string?)r["phase"] == "finished");
        Assert.NotEqual(firstWorker, (int)finished["pid"]!);
        Assert.Equal(2, probe.Host.WorkerStarts);
        Assert.Equal((int)finished["pid"]!, probe.Host.WorkerProcessId);
        Assert.Equal(2, records.Count(r => (string?)r["phase"] == "started"));
        await probe.WaitUntilEmptyAsync(probe.Names.Slow, TimeSpan.FromSeconds(10));
        Assert.Contains(probe.Logs.Entries, e => e.Message.Contains($"Worker process {firstWorker} is gone", StringComparison.Ordinal));
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            return !Process.GetProcessById(processId).HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
