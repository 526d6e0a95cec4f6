using System.Diagnostics;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Common;
using PrivacySync.Core.Tasks;
using PrivacySync.Storage;
using PrivacySync.Storage.Reconciliation;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Core.Support;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Bench;

/// <summary>
/// reconcile_50k_seconds: one reconciliation run (not a dry run) over 50,000 open requests on Azurite, seeded through
/// the stores: a fifth each awaiting verification, awaiting approval and dispatched, two fifths collecting with two
/// tasks each; all recent, so the run reads everything and repairs nothing.
/// </summary>
[Collection(BenchCollection.Name)]
[Trait("Category", "Bench")]
public sealed class Reconcile50kBench
{
    private static readonly RequestStatus[] Statuses =
        [RequestStatus.AwaitingVerification, RequestStatus.AwaitingApproval, RequestStatus.Dispatched, RequestStatus.Collecting, RequestStatus.Collecting];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TimesOneRunOverFiftyThousandRequests()
    {
        BenchFigures.SkipUnlessBenchmarking();
        var count = BenchFigures.Setting("PRIVACYSYNC_BENCH_RECONCILE_REQUESTS", 50_000);
        await using var storage = await PrivateAzurite.StartAsync(Ct);
        var clients = StorageClients.FromConnectionString(storage.ConnectionString);
        var requests = new TableRequestStore(clients);
        var tasks = new TableTaskStore(clients);
        await requests.EnsureCreatedAsync(Ct);
        await tasks.EnsureCreatedAsync(Ct);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var seeding = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (i, ct) =>
        {
            var status = Statuses[i % Statuses.Length];
            var request = new DataSubjectRequest
            {
                RequestId = $"dsr-bench-{i:D6}",
                Type = i % 2 == 0 ? RequestType.Access : RequestType.Erasure,
                LegalEntityId = "nordvik-no",
                ReceivedOn = today.AddDays(-3),
                DueOn = today.AddDays(27 - (i % 40)),
                Status = status,
                SubmittedBy = "officer-1",
                SubmissionId = $"bench-{i}",
                Verification = IdentityVerification.BankId,
                Language = Language.English,
                CreatedAt = now.AddDays(-3),
                UpdatedAt = now,
            };
            Assert.True(await requests.TryCreateAsync(request, ct));
            if (status == RequestStatus.Collecting)
            {
                Assert.True(await tasks.TryCreateAsync(SystemTask.Plan(request.RequestId, "crm", now), ct));
                Assert.True(await tasks.TryCreateAsync(SystemTask.Plan(request.RequestId, "m365", now) with { Status = SystemTaskStatus.Succeeded }, ct));
            }
        });
        var seeded = seeding.Elapsed.TotalSeconds;

        var reconciler = await ReconciliationServiceCollectionExtensions.CreateReconcilerAsync(clients, TestAudit.Chain, null, new ReconciliationOptions(), TimeProvider.System, Ct);
        var clock = Stopwatch.StartNew();
        var result = await reconciler.RunAsync(today, dryRun: false, Ct);
        var seconds = clock.Elapsed.TotalSeconds;

        Assert.Equal(ReconciliationOutcome.Reconciled, result.Outcome);
        Assert.Equal(count, result.RequestsScanned);
        BenchFigures.Write("reconcile", new JObject
        {
            ["reconcile_50k_seconds"] = BenchFigures.Round(seconds),
        }, new JObject
        {
            ["reconcile_50k_seconds"] = $"{count} open requests ({count * 2 / 5} collecting with 2 tasks each) seeded in {BenchFigures.Round(seeded)} s; " +
                $"one run found {result.Findings.Count} findings",
        });
    }
}
