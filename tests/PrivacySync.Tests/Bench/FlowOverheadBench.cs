using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
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
    private static readonly TimeSpan ExportInterval = TimeSpan.FromSeconds(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MeasuresTheFlowsOverhead()
    {
        BenchFigures.SkipUnlessBenchmarking();
        var count = BenchFigures.Setting("PRIVACYSYNC_BENCH_OVERHEAD_REQUESTS", 200);
        var inFlight = BenchFigures.Setting("PRIVACYSYNC_BENCH_OVERHEAD_IN_FLIGHT", 4);
        await using var systems = await StartAsync(metrics: false);
        var subjects = await BenchSubjects.SeedAsync(systems, count, "overhead");
        var (overheads, phases) = await RunAsync(systems, subjects, inFlight);
        BenchFigures.WriteLog("overhead", systems.AppOutput);

        BenchFigures.Write("overhead", new JObject
        {
            ["overhead_ms_p50"] = BenchFigures.Round(BenchFigures.Percentile(overheads, 50), 0),
            ["overhead_ms_p95"] = BenchFigures.Round(BenchFigures.Percentile(overheads, 95), 0),
        }, new JObject
        {
            ["overhead"] = $"{count} access requests, {inFlight} in flight, systems {string.Join(", ", Systems)} at zero latency",
            ["overhead_phases"] = phases,
        });
    }

    [Fact]
    public async Task MeasuresStorageOperationsPerRequestAndSystem()
    {
        BenchFigures.SkipUnlessBenchmarking();
        var count = BenchFigures.Setting("PRIVACYSYNC_BENCH_STORAGE_REQUESTS", 30);
        await using var systems = await StartAsync(metrics: true);
        var subjects = await BenchSubjects.SeedAsync(systems, count, "storage");
        var host = systems.CloudHosts[0];
        var before = await BenchRun.SettledStorageCallsAsync(host, ExportInterval);
        var beforeByResource = BenchRun.StorageCallsByResource(host);
        await RunAsync(systems, subjects, inFlight: 4);
        var after = await BenchRun.SettledStorageCallsAsync(host, ExportInterval);
        var byResource = BenchRun.StorageCallsByResource(host)
            .Select(c => (c.Key, Calls: c.Value - beforeByResource.GetValueOrDefault(c.Key)))
            .Where(c => c.Calls > 0)
            .OrderByDescending(c => c.Calls)
            .Select(c => $"{c.Key} {BenchFigures.Round((double)c.Calls / count)}");

        BenchFigures.Write("storage_ops", new JObject
        {
            ["storage_ops_per_dsr_system"] = BenchFigures.Round((double)(after - before) / (count * Systems.Length)),
        }, new JObject
        {
            ["storage_ops_per_dsr_system"] = $"{after - before} storage calls by the app (its SDK pipeline's counter) for {count} access requests × {Systems.Length} systems",
            ["storage_ops_per_request_by_resource"] = string.Join(", ", byResource),
        });
    }

    private static Task<RealSystems> StartAsync(bool metrics) => RealSystems.StartAsync(
        metrics
            ? new Dictionary<string, string?>
            {
                // Only the metrics, to the console, where the storage call counter is read.
                ["PrivacySync:Telemetry:LocalExporter"] = "metrics",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = ((int)ExportInterval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            }
            : null,
        new RealSystemsSetup
        {
            Systems = Systems,
            HubSpot = o => (o.RequestsPerTenSeconds, o.SearchRequestsPerSecond) = (10_000, 100),
        });

    /// <summary>Runs one access request per subject, <paramref name="inFlight"/> at a time; returns each one's overhead and the median phases.</summary>
    private static async Task<(IReadOnlyCollection<double> Overheads, string Phases)> RunAsync(RealSystems systems, IReadOnlyList<BenchSubject> subjects, int inFlight)
    {
        var next = -1;
        var overheads = new ConcurrentBag<double>();
        var phases = new ConcurrentBag<(double Dispatch, double Tasks, double Collect)>();
        var slowestTasks = new ConcurrentBag<double>();
        var audit = systems.Service<IAuditLog>();
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
                slowestTasks.Add(slowest.TotalMilliseconds);
                overheads.Add((request.CompletedAt!.Value - submitted - slowest).TotalMilliseconds);
                var events = await audit.ReadAsync(id, Ct);
                DateTimeOffset At(string action) => events.Where(e => e.Action == action).Select(e => e.At).DefaultIfEmpty(submitted).Max();
                phases.Add((
                    (At(AuditActions.Dispatched) - submitted).TotalMilliseconds,
                    (At(AuditActions.TaskSucceeded) - At(AuditActions.Dispatched)).TotalMilliseconds,
                    (request.CompletedAt!.Value - At(AuditActions.TaskSucceeded)).TotalMilliseconds));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(WorkerAsync, Ct)));
        var summary = $"median ms: submit → dispatched {BenchFigures.Percentile(phases.Select(p => p.Dispatch), 50):F0}, " +
            $"dispatched → last task done {BenchFigures.Percentile(phases.Select(p => p.Tasks), 50):F0} " +
            $"(slowest task attempt {BenchFigures.Percentile(slowestTasks, 50):F0}), last task → completed {BenchFigures.Percentile(phases.Select(p => p.Collect), 50):F0}";
        return (overheads, summary);
    }
}
