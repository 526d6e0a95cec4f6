using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Tests.Wiring;

namespace PrivacySync.Tests.Bench;

/// <summary>
/// overhead_ms_p50/p95 and storage_ops_per_dsr_system: access requests through the published app under the local host,
/// three systems (HubSpot, Microsoft 365, HR REST) whose simulators answer at once and do not throttle, a few requests
/// in flight at a time. Overhead = submit → completed minus the slowest system task's attempt: the queues, dispatch,
/// collection and assembly. Storage operations are the app's own SDK calls (the worker's counter), per request per system.
/// </summary>
[Collection(BenchCollection.Name)]
[Trait("Category", "Bench")]
public sealed class FlowOverheadBench
{
    private static readonly string[] Systems = ["crm", "m365", "hr-api"];
    private static readonly TimeSpan ExportInterval = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MeasuresTheFlowsOverheadAndStorageOperations()
    {
        BenchFigures.SkipUnlessBenchmarking();
        var count = BenchFigures.Setting("PRIVACYSYNC_BENCH_OVERHEAD_REQUESTS", 200);
        var inFlight = BenchFigures.Setting("PRIVACYSYNC_BENCH_OVERHEAD_IN_FLIGHT", 4);
        await using var systems = await RealSystems.StartAsync(
            new Dictionary<string, string?>
            {
                ["PrivacySync:Telemetry:LocalExporter"] = "metrics",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = ((int)ExportInterval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            new RealSystemsSetup
            {
                Systems = Systems,
                HubSpot = o => (o.RequestsPerTenSeconds, o.SearchRequestsPerSecond) = (10_000, 100),
            });
        var subjects = await BenchSubjects.SeedAsync(systems, count, "overhead");
        var host = systems.CloudHosts[0];
        var before = await BenchRun.SettledStorageCallsAsync(host, ExportInterval);

        var next = -1;
        var overheads = new ConcurrentBag<double>();
        var tasks = systems.Service<ITaskStore>();
        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < subjects.Count)
            {
                var submitted = DateTimeOffset.UtcNow;
                var (id, _) = await systems.SubmitAsync("access", subjects[i].Email, subjects[i].Name);
                var request = (await BenchRun.WaitForTerminalAsync(systems, [id], TimeSpan.FromMinutes(3)))[id];
                Assert.Equal(RequestStatus.Completed, request.Status);
                var slowest = BenchRun.SlowestTask((await tasks.ListAsync(id, Ct)).Select(t => t.Value));
                overheads.Add((request.CompletedAt!.Value - submitted - slowest).TotalMilliseconds);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(WorkerAsync, Ct)));
        var after = await BenchRun.SettledStorageCallsAsync(host, ExportInterval);

        BenchFigures.Write("overhead", new JObject
        {
            ["overhead_ms_p50"] = BenchFigures.Round(BenchFigures.Percentile(overheads, 50), 0),
            ["overhead_ms_p95"] = BenchFigures.Round(BenchFigures.Percentile(overheads, 95), 0),
            ["storage_ops_per_dsr_system"] = BenchFigures.Round((double)(after - before) / (count * Systems.Length)),
        }, new JObject
        {
            ["overhead"] = $"{count} access requests, {inFlight} in flight, systems {string.Join(", ", Systems)} at zero latency",
            ["storage_ops"] = $"{after - before} storage calls by the app for {count} requests × {Systems.Length} systems",
        });
    }
}
