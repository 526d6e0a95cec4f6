using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Tasks;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Sandbox.HrRest;
using PrivacySync.Storage;
using PrivacySync.Tests.Infrastructure;
using PrivacySync.Tests.Wiring;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Flow;

/// <summary>
/// At-least-once delivery, crashes and shutdowns, through the published app under the local Functions host: duplicate
/// and concurrent messages change nothing, a poisoned message is set aside, a worker killed mid-task and an instance
/// stopped mid-request lose nothing.
/// </summary>
public sealed class ResilientFlowTests
{
    /// <summary>A duplicate that finds its task (or the assembly) claimed elsewhere waits out the lease: keep that wait short.</summary>
    private static readonly Dictionary<string, string?> ShortLease = new()
    {
        ["PrivacySync:TaskTimeout"] = "00:00:10",
        ["PrivacySync:TaskLease"] = "00:00:12",
        ["PrivacySync:AssemblyLease"] = "00:00:05",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedeliveredAndConcurrentMessagesProduceExactlyOneOutput()
    {
        await using var systems = await RealSystems.StartAsync(ShortLease);
        await systems.StartCloudHostAsync(); // two cloud instances compete for every message
        var queues = systems.Service<WorkQueues>();

        var (id, _) = await systems.SubmitAsync("erasure");
        await systems.DecideAsync(id, "approve", RealSystems.Approver);
        // Duplicates of every message kind, as an at-least-once queue may deliver them.
        await queues.DispatchAsync(id, Ct);
        await queues.RunTaskAsync(new TaskMessage(id, "crm"), TaskQueue.Cloud, null, Ct);
        await queues.RunTaskAsync(new TaskMessage(id, "hr-api"), TaskQueue.Cloud, null, Ct);
        await queues.RunTaskAsync(new TaskMessage(id, "hr-db"), TaskQueue.OnPrem, null, Ct);
        var request = await systems.WaitForCompletionAsync(id);
        var completed = (await systems.Service<IRequestStore>().GetAsync(id, Ct))!.Value;
        for (var i = 0; i < 3; i++)
        {
            await queues.CollectAsync(id, null, Ct);
            await queues.RunTaskAsync(new TaskMessage(id, "hr-api"), TaskQueue.Cloud, null, Ct);
        }

        await WaitForEmptyQueuesAsync(systems);

        Assert.True((string?)request["status"] == "completed", request.ToString());
        Assert.Equal(1, systems.HrRest.Services.GetRequiredService<HrRestStore>().ErasuresExecuted);
        Assert.All(await systems.TasksAsync(id), t => Assert.Equal((SystemTaskStatus.Succeeded, 1), (t.Status, t.Attempts)));
        var events = await systems.Service<IAuditLog>().ReadAsync(id, Ct);
        Assert.True(TestAudit.Chain.Verify(events).IsValid);
        Assert.Single(events, e => e.Action == AuditActions.Completed);
        Assert.Single(events, e => e.Action == AuditActions.Assembled);
        var final = (await systems.Service<IRequestStore>().GetAsync(id, Ct))!.Value;
        Assert.Equal((completed.Status, completed.CompletedAt, completed.UpdatedAt), (final.Status, final.CompletedAt, final.UpdatedAt));
        Assert.Equal([OutputFiles.Certificate, OutputFiles.Letter], final.Outputs);
    }

    [Fact]
    public async Task MessageThatCannotBeReadEndsInThePoisonQueueAfterMaxDequeueCount()
    {
        await using var systems = await RealSystems.StartAsync(new Dictionary<string, string?>
        {
            // host.json's 5 s between deliveries, shortened the way an app setting overrides host.json.
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:01",
        });
        var storage = StorageClients.FromConnectionString(systems.Storage.ConnectionString);
        var tasks = storage.Queue(QueueNames.Tasks);
        await tasks.CreateIfNotExistsAsync(cancellationToken: Ct);
        await tasks.SendMessageAsync("this is not a task message", Ct);

        var poison = storage.Queue(QueueNames.Poison(QueueNames.Tasks));
        await systems.WaitUntilAsync(async () => await CountAsync(poison) == 1, "the message reaching dsr-tasks-poison", TimeSpan.FromSeconds(60));

        var message = (await poison.PeekMessageAsync(Ct)).Value;
        Assert.Equal("this is not a task message", message.Body.ToString());
        Assert.Equal(0, await CountAsync(tasks));
    }

    [Fact]
    public async Task WorkerKilledMidTaskIsRestartedAndTheTaskResumesAfterItsLease()
    {
        await using var systems = await RealSystems.StartAsync(new Dictionary<string, string?>
        {
            ["PrivacySync:TaskTimeout"] = "00:00:20",
            ["PrivacySync:TaskLease"] = "00:00:22",
        });
        // The first call to the HR REST system takes long enough for the kill to land while it is under way.
        await systems.InjectHrRestFaultAsync(0, count: 1, delayMs: 15_000);
        var store = systems.HrRest.Services.GetRequiredService<HrRestStore>();
        var host = systems.CloudHosts[0];
        var firstWorker = host.WorkerProcessId();

        var (id, _) = await systems.SubmitAsync("access");
        await systems.WaitUntilAsync(
            async () => store.PendingFaults == 0 && (await systems.TasksAsync(id)).Any(t => t.SystemId == "hr-api" && t.Status == SystemTaskStatus.Running),
            "the HR REST call under way");
        host.KillWorker();
        using var anonymous = host.CreateClient(withFunctionKey: false);
        await systems.WaitUntilAsync(
            async () => host.WorkerProcessId() is { } worker && worker != firstWorker
                && (await anonymous.GetAsync("/api/health", Ct)).IsSuccessStatusCode,
            "a new worker answering");
        var request = await systems.WaitForCompletionAsync(id, TimeSpan.FromSeconds(90));

        Assert.True((string?)request["status"] == "completed", request.ToString());
        var resumed = (await systems.TasksAsync(id)).Single(t => t.SystemId == "hr-api");
        Assert.Equal((SystemTaskStatus.Succeeded, 2), (resumed.Status, resumed.Attempts));
    }

    [Fact]
    public async Task InstanceStoppedMidRequestLosesNothing()
    {
        await using var systems = await RealSystems.StartAsync(ShortLease);
        await systems.InjectHrRestFaultAsync(0, count: 1, delayMs: 2_000);
        var store = systems.HrRest.Services.GetRequiredService<HrRestStore>();

        var (id, _) = await systems.SubmitAsync("access");
        await systems.WaitUntilAsync(() => Task.FromResult(store.PendingFaults == 0), "the HR REST call under way");
        await systems.CloudHosts[0].StopAsync(TimeSpan.FromSeconds(30)); // SIGTERM, as a scale-in or deployment sends
        systems.CloudHosts.RemoveAt(0);
        await systems.StartCloudHostAsync();
        var request = await systems.WaitForCompletionAsync(id, TimeSpan.FromSeconds(90));

        Assert.True((string?)request["status"] == "completed", request.ToString());
        Assert.All(await systems.TasksAsync(id), t => Assert.Equal(SystemTaskStatus.Succeeded, t.Status));
    }

    /// <summary>Messages in a queue (hidden ones too); a queue nobody has sent to yet holds none.</summary>
    private static async Task<int> CountAsync(QueueClient queue) =>
        (await queue.ExistsAsync(Ct)).Value ? await queue.CountAsync(Ct) : 0;

    /// <summary>Every flow queue drained: the late duplicates were all handled (and changed nothing).</summary>
    private static async Task WaitForEmptyQueuesAsync(RealSystems systems)
    {
        var storage = StorageClients.FromConnectionString(systems.Storage.ConnectionString);
        await systems.WaitUntilAsync(
            async () =>
            {
                foreach (var name in FlowQueueNames.All)
                {
                    if (await CountAsync(storage.Queue(name)) > 0)
                    {
                        return false;
                    }
                }

                return true;
            },
            "the flow queues draining");
    }
}
