using System.Diagnostics;
using System.Net;
using Azure.Storage.Blobs;
using Newtonsoft.Json.Linq;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Sandbox.Graph;
using PrivacySync.Sandbox.HrRest;
using PrivacySync.Storage;
using PrivacySync.Storage.Reconciliation;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Bench;
using PrivacySync.Tests.Core.Support;
using PrivacySync.Tests.Infrastructure;
using PrivacySync.Tests.Wiring;

namespace PrivacySync.Tests.Flow;

/// <summary>
/// The chaos run: many access, erasure and objection requests across all four systems while the simulators inject
/// 5xx, 429 with Retry-After and slow answers, and app workers are killed (SIGKILL) three times at random moments and
/// restarted by the host. Every request must end terminal with exactly one output, no erasure may run twice in a
/// system, every audit chain must verify and no message may sit in a -poison queue unreported.
/// PRIVACYSYNC_CHAOS_REQUESTS sets the request count, PRIVACYSYNC_CHAOS_SEED the dice (the failure message names it).
/// </summary>
public sealed class ChaosFlowTests
{
    /// <summary>
    /// What `./run.sh test` runs: on the shared 2-core CI machine 200 requests took far longer than the few minutes the
    /// suite allows, so CI runs fewer; PRIVACYSYNC_CHAOS_REQUESTS=200 runs the issue's full size.
    /// </summary>
    private const int DefaultRequests = 30;
    private const int Kills = 3;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryRequestEndsWithExactlyOneOutputThroughFaultsAndWorkerKills()
    {
        var count = BenchFigures.Setting("PRIVACYSYNC_CHAOS_REQUESTS", DefaultRequests);
        var seed = BenchFigures.Setting("PRIVACYSYNC_CHAOS_SEED", Random.Shared.Next(1, int.MaxValue));
        var random = new Random(seed);
        var run = $"chaos run (seed {seed}, {count} requests)";
        var graph = new GraphSimulatorOptions { Seed = seed };
        await using var systems = await RealSystems.StartAsync(
            new Dictionary<string, string?>
            {
                ["PrivacySync:TaskAttemptBudget"] = "8",
                ["PrivacySync:RetryBaseDelay"] = "00:00:00.500",
                ["PrivacySync:RetryMaxDelay"] = "00:00:02",
                ["PrivacySync:TaskTimeout"] = "00:00:15",
                ["PrivacySync:TaskLease"] = "00:00:17",
                ["PrivacySync:AssemblyLease"] = "00:00:05",
            },
            new RealSystemsSetup
            {
                // The quota is not what this run tests: high limits, so faults rather than pacing set the pace.
                HubSpot = o => (o.RequestsPerTenSeconds, o.SearchRequestsPerSecond, o.Seed) = (10_000, 100, seed),
                Graph = graph,
            });
        var clock = Stopwatch.StartNew();
        var subjects = await BenchSubjects.SeedAsync(systems, count, "chaos", messagesEach: 1);
        var seeded = clock.Elapsed;
        // Faults from now on (seeding goes through the same APIs and must not fail).
        var hubSpot = systems.HubSpot.Options;
        (hubSpot.ServerErrorRate, hubSpot.ThrottleRate, hubSpot.TimeoutRate, hubSpot.TimeoutMs) = (0.04, 0.03, 0.01, 1_500);
        (graph.ServerErrorRate, graph.ThrottleRate) = (0.03, 0.03);
        var hrRest = systems.HrRest.Services.GetRequiredService<HrRestStore>();
        await InjectHrRestFaultsAsync(systems);

        var kills = Task.Run(() => KillWorkersAsync(systems, random), Ct);
        var planned = subjects.Select(subject => (Subject: subject, Type: random.NextDouble() switch { < 0.5 => "access", < 0.85 => "erasure", _ => "objection" })).ToList();
        var types = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        // Several officers at once, so a worker restart holds up only the submissions in flight.
        await Parallel.ForEachAsync(planned, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (item, _) =>
        {
            var (id, _) = await systems.SubmitAsync(item.Type, item.Subject.Email, item.Subject.Name, retryWhileUnavailable: true);
            if (item.Type == "erasure")
            {
                // A retried approval that went through the first time finds the request approved already.
                await systems.SendRetryingAsync(RealSystems.Approver, HttpMethod.Post, $"/api/requests/{id}/decision",
                    new JObject { ["decision"] = "approve" }, HttpStatusCode.OK, HttpStatusCode.Conflict);
            }

            types[id] = item.Type;
        });

        var submitted = clock.Elapsed;
        Assert.Equal(Kills, await kills);
        var requests = await BenchRun.WaitForTerminalAsync(systems, types.Keys.ToList(), TimeSpan.FromMinutes(8));
        await WaitForEmptyFlowQueuesAsync(systems);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{run}: seeded in {seeded.TotalSeconds:F0} s, submitted by {submitted.TotalSeconds:F0} s, all terminal by {clock.Elapsed.TotalSeconds:F0} s");

        var outputs = await OutputsAsync(systems);
        var audit = systems.Service<IAuditLog>();
        var erasedInHrRest = 0;
        var erasedInCrm = 0;
        foreach (var (id, type) in types)
        {
            var request = requests[id];
            Assert.True(request.Status is RequestStatus.Completed or RequestStatus.CompletedWithExceptions, $"{run}: {id} ({type}) ended {request.Status}");
            string[] expected = type switch { "access" => [OutputFiles.ExportPackage], "erasure" => [OutputFiles.Certificate, OutputFiles.Letter], _ => [OutputFiles.Confirmation] };
            Assert.True(request.Outputs.SequenceEqual(expected), $"{run}: {id} ({type}) lists outputs [{string.Join(", ", request.Outputs)}]");
            Assert.True(outputs.GetValueOrDefault(id, []).Order(StringComparer.Ordinal).SequenceEqual(expected), $"{run}: {id} ({type}) stored [{string.Join(", ", outputs.GetValueOrDefault(id, []))}]");

            var events = await audit.ReadAsync(id, Ct);
            Assert.True(TestAudit.Chain.Verify(events).IsValid, $"{run}: the audit chain of {id} does not verify");
            Assert.True(events.Count(e => e.Action == AuditActions.Assembled) == 1, $"{run}: {id} was assembled {events.Count(e => e.Action == AuditActions.Assembled)} times");
            Assert.True(events.Count(e => e.Action == AuditActions.Completed) == 1, $"{run}: {id} completed {events.Count(e => e.Action == AuditActions.Completed)} times");

            var tasks = (await systems.TasksAsync(id)).ToDictionary(t => t.SystemId);
            Assert.All(tasks.Values, t => Assert.True(t.IsTerminal, $"{run}: task {id}/{t.SystemId} is {t.Status}"));
            if (type == "erasure")
            {
                erasedInHrRest += tasks["hr-api"].Status == SystemTaskStatus.Succeeded ? 1 : 0;
                erasedInCrm += tasks["crm"].Status == SystemTaskStatus.Succeeded ? 1 : 0;
            }
        }

        // Side effects: the HR REST system executes an erasure once per task however often it was sent (idempotency
        // key); HubSpot removes each erased contact once.
        Assert.True(hrRest.ErasuresExecuted == erasedInHrRest, $"{run}: the HR REST system executed {hrRest.ErasuresExecuted} erasures for {erasedInHrRest} erased tasks");
        Assert.True(systems.HubSpot.Stats.ContactsGdprDeleted == erasedInCrm, $"{run}: HubSpot removed {systems.HubSpot.Stats.ContactsGdprDeleted} contacts for {erasedInCrm} erased tasks");
        await AssertPoisonReportedAsync(systems, run);
    }

    /// <summary>Kills a worker (mostly the cloud instance's, once the on-premises one's) three times, 2–6 s apart; returns the kills done.</summary>
    private static async Task<int> KillWorkersAsync(RealSystems systems, Random random)
    {
        var onPremKill = random.Next(Kills);
        for (var kill = 0; kill < Kills; kill++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2_000, 6_000)), Ct);
            var host = kill == onPremKill ? systems.OnPremHost! : systems.CloudHosts[0];
            var worker = host.WorkerProcessId();
            host.KillWorker();
            await systems.WaitUntilAsync(
                () => Task.FromResult(host.WorkerProcessId() is { } restarted && restarted != worker),
                "a restarted worker", TimeSpan.FromSeconds(60));
            await InjectHrRestFaultsAsync(systems);
        }

        return Kills;
    }

    /// <summary>A handful of HR REST faults for the next calls: 503s, 429s with Retry-After and slow answers.</summary>
    private static async Task InjectHrRestFaultsAsync(RealSystems systems)
    {
        await systems.InjectHrRestFaultAsync(503, count: 3);
        await systems.InjectHrRestFaultAsync(429, count: 3, retryAfterSeconds: 1);
        await systems.InjectHrRestFaultAsync(0, count: 2, delayMs: 1_500);
    }

    /// <summary>The stored output files per request ({requestId}/{file} blobs).</summary>
    private static async Task<Dictionary<string, List<string>>> OutputsAsync(RealSystems systems)
    {
        var container = new BlobContainerClient(systems.Storage.ConnectionString, StoreNames.OutputsContainer);
        var outputs = new Dictionary<string, List<string>>();
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: Ct))
        {
            var (id, file) = (blob.Name.Split('/')[0], blob.Name.Split('/')[^1]);
            outputs.TryAdd(id, []);
            outputs[id].Add(file);
        }

        return outputs;
    }

    private static async Task WaitForEmptyFlowQueuesAsync(RealSystems systems)
    {
        var storage = StorageClients.FromConnectionString(systems.Storage.ConnectionString);
        await systems.WaitUntilAsync(
            async () =>
            {
                foreach (var name in FlowQueueNames.All)
                {
                    var queue = storage.Queue(name);
                    if ((await queue.ExistsAsync(Ct)).Value && await queue.CountAsync(Ct) > 0)
                    {
                        return false;
                    }
                }

                return true;
            },
            "the flow queues draining", TimeSpan.FromMinutes(2));
    }

    /// <summary>A message in a -poison queue is acceptable only when the reconciliation lists it for the office.</summary>
    private static async Task AssertPoisonReportedAsync(RealSystems systems, string run)
    {
        var storage = StorageClients.FromConnectionString(systems.Storage.ConnectionString);
        var poisoned = new List<string>();
        foreach (var name in FlowQueueNames.All.Select(FlowQueueNames.Poison))
        {
            var queue = storage.Queue(name);
            if ((await queue.ExistsAsync(Ct)).Value)
            {
                poisoned.AddRange((await queue.PeekTextsAsync(Ct)).Select(text => $"{name}: {text}"));
            }
        }

        if (poisoned.Count == 0)
        {
            return;
        }

        var reconciler = await ReconciliationServiceCollectionExtensions.CreateReconcilerAsync(
            storage, TestAudit.Chain, null, new ReconciliationOptions(), TimeProvider.System, Ct);
        var result = await reconciler.RunAsync(DateOnly.FromDateTime(DateTime.UtcNow), dryRun: true, Ct);
        var reported = result.Findings.Count(f => f.Kind == FindingKind.PoisonMessage);
        Assert.True(reported >= poisoned.Count, $"{run}: {poisoned.Count} poison message(s), {reported} reported:{Environment.NewLine}{string.Join(Environment.NewLine, poisoned)}");
    }
}
