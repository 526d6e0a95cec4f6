using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Worker;
using PrivacySync.Tests.Infrastructure;
using static PrivacySync.Tests.Hosting.TestScriptRoot;

namespace PrivacySync.Tests.Hosting;

/// <summary>Worker mode against Azurite with host.json semantics (batchSize 4, maxDequeueCount 3, visibilityTimeout 0).</summary>
[Collection(nameof(WorkerCollection))]
public sealed class WorkerQueueTriggerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly WorkerHarness _harness = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task FailingMessageIsRetriedWithRisingDequeueCountThenMovedToPoison()
    {
        var queue = await WorkQueueAsync();
        var probe = _harness.Probes.For<Work>();
        probe.Behaviour = (_, _) => throw new InvalidOperationException("always fails");
        await _harness.Queue(queue).SendMessageAsync("req-1", Ct);

        await _harness.StartAsync(WorkOptions());
        await Eventually.HoldsAsync(async () => (await _harness.Poison(queue).PeekTextsAsync(Ct)).Count == 1, Patience, "the message in the poison queue");

        Assert.Equal([1L, 2L, 3L], probe.Invocations.Select(invocation => invocation.DequeueCount));
        Assert.All(probe.Invocations, invocation => Assert.Equal("req-1", invocation.MessageText));
        Assert.Equal("req-1", Assert.Single(await _harness.Poison(queue).PeekTextsAsync(Ct)));
        Assert.Equal(0, await _harness.Queue(queue).CountAsync(Ct));
    }

    [Fact]
    public async Task SucceedingMessageIsHandledOnceAndDeleted()
    {
        var queue = await WorkQueueAsync();
        var probe = _harness.Probes.For<Work>();
        var sent = await _harness.Queue(queue).SendMessageAsync("req-2", Ct);

        await _harness.StartAsync(WorkOptions());
        await Eventually.HoldsAsync(async () => await _harness.Queue(queue).CountAsync(Ct) == 0, Patience, "the message deleted");
        // Longer than the lease: a message that was not deleted would be delivered again by now.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        var invocation = Assert.Single(probe.Invocations);
        Assert.Equal(sent.Value.MessageId, invocation.MessageId);
        Assert.Equal(1, invocation.DequeueCount);
        Assert.Equal("req-2", invocation.MessageText);
        Assert.Equal(0, await _harness.Queue(queue).CountAsync(Ct));
        Assert.Empty(await _harness.Poison(queue).PeekTextsAsync(Ct));
    }

    [Fact]
    public async Task QueueOutputsAreWrittenOnePerItem()
    {
        var input = _harness.QueueName("fanin");
        var one = _harness.QueueName("one");
        var many = _harness.QueueName("many");
        var returned = _harness.QueueName("ret");
        _harness.Root.AddFunction(Fanout.Name, QueueTrigger(input), QueueOutput("one", one), QueueOutput("many", many), QueueOutput("$return", returned));
        _harness.Probes.For<Fanout>().Behaviour = (invocation, _) => Task.FromResult(
            FunctionResult.WithOutput("one", "single:" + invocation.MessageText)
                .AndOutput("many", new[] { "task-a", "task-b" }) with
            { ReturnValue = new JObject { ["requestId"] = invocation.MessageText } });
        await _harness.Queue(input).CreateIfNotExistsAsync(cancellationToken: Ct);
        await _harness.Queue(input).SendMessageAsync("req-3", Ct);

        await _harness.StartAsync(_harness.Options(services => services.AddFunction<ProbeHandler<Fanout>>()));
        await Eventually.HoldsAsync(async () => await _harness.Queue(input).CountAsync(Ct) == 0, Patience, "the input message deleted");

        Assert.Equal(["single:req-3"], (await _harness.Queue(one).PeekTextsAsync(Ct)));
        Assert.Equal(["task-a", "task-b"], (await _harness.Queue(many).PeekTextsAsync(Ct)).Order());
        Assert.Equal("""{"requestId":"req-3"}""", Assert.Single(await _harness.Queue(returned).PeekTextsAsync(Ct)));
    }

    [Fact]
    public async Task MessageDeliveredMoreOftenThanAllowedGoesToPoisonWithoutRunning()
    {
        var queue = await WorkQueueAsync();
        var storage = _harness.Queue(queue);
        await storage.SendMessageAsync("req-4", Ct);
        // Three deliveries that never completed (as after three crashes): the next one is the fourth.
        for (var i = 0; i < 3; i++)
        {
            var received = Assert.Single((await storage.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), Ct)).Value);
            await storage.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: Ct);
        }

        await _harness.StartAsync(WorkOptions());
        await Eventually.HoldsAsync(async () => (await _harness.Poison(queue).PeekTextsAsync(Ct)).Count == 1, Patience, "the message in the poison queue");

        Assert.Equal(0, _harness.Probes.For<Work>().Count);
        Assert.Equal("req-4", Assert.Single(await _harness.Poison(queue).PeekTextsAsync(Ct)));
        Assert.Equal(0, await storage.CountAsync(Ct));
    }

    [Fact]
    public async Task TwoWorkersNeverProcessTheSameMessage()
    {
        var queue = await WorkQueueAsync();
        var probe = _harness.Probes.For<Work>();
        var running = new ConcurrentDictionary<string, byte>();
        var overlaps = 0;
        probe.Behaviour = async (invocation, ct) =>
        {
            if (!running.TryAdd(invocation.MessageText!, 0))
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Delay(300, ct);
            running.TryRemove(invocation.MessageText!, out _);
            return FunctionResult.Empty;
        };
        for (var i = 0; i < 12; i++)
        {
            await _harness.Queue(queue).SendMessageAsync($"req-{i}", Ct);
        }

        await _harness.StartAsync(WorkOptions());
        await _harness.StartAsync(WorkOptions());
        await Eventually.HoldsAsync(async () => await _harness.Queue(queue).CountAsync(Ct) == 0, Patience, "all messages deleted");
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        Assert.Equal(0, overlaps);
        Assert.Equal(12, probe.Count);
        Assert.Equal(12, probe.Invocations.Select(invocation => invocation.MessageText).Distinct().Count());
    }

    [Fact]
    public async Task LongRunningHandlerKeepsItsLeaseSoNoOtherWorkerGetsTheMessage()
    {
        var queue = await WorkQueueAsync();
        var probe = _harness.Probes.For<Work>();
        probe.Behaviour = async (_, ct) =>
        {
            // Three times the one-second lease: only renewals keep the message invisible.
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            return FunctionResult.Empty;
        };
        await _harness.Queue(queue).SendMessageAsync("req-5", Ct);

        var options = WorkOptions() with { MessageLease = TimeSpan.FromSeconds(1) };
        await _harness.StartAsync(options);
        await _harness.StartAsync(options);
        await Eventually.HoldsAsync(async () => await _harness.Queue(queue).CountAsync(Ct) == 0, Patience, "the message deleted");

        var invocation = Assert.Single(probe.Invocations);
        Assert.Equal(1, invocation.DequeueCount);
    }

    [Fact]
    public async Task ShutdownLetsAnInFlightHandlerFinishWithinTheGracePeriod()
    {
        var queue = await WorkQueueAsync();
        var probe = _harness.Probes.For<Work>();
        probe.Behaviour = async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(800), CancellationToken.None);
            return FunctionResult.Empty;
        };
        await _harness.Queue(queue).SendMessageAsync("req-6", Ct);

        var worker = await _harness.StartAsync(WorkOptions());
        await Eventually.HoldsAsync(() => probe.Count == 1, Patience, "the handler started");
        await worker.StopAsync(Ct);

        Assert.Equal(0, await _harness.Queue(queue).CountAsync(Ct));
        Assert.Single(probe.Invocations);
    }

    [Fact]
    public async Task ShutdownReleasesAMessageWhoseHandlerDoesNotFinish()
    {
        var queue = await WorkQueueAsync();
        var probe = _harness.Probes.For<Work>();
        var cancelled = new TaskCompletionSource();
        probe.Behaviour = async (_, ct) =>
        {
            await using var registration = ct.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, ct);
            return FunctionResult.Empty;
        };
        await _harness.Queue(queue).SendMessageAsync("req-7", Ct);

        var worker = await _harness.StartAsync(WorkOptions() with { ShutdownGracePeriod = TimeSpan.FromMilliseconds(300) });
        await Eventually.HoldsAsync(() => probe.Count == 1, Patience, "the handler started");
        await worker.StopAsync(Ct);

        Assert.True(cancelled.Task.IsCompleted, "the handler's token was cancelled after the grace period");
        // Visible again at once (not after the lease), and not counted as a failure.
        Assert.Equal("req-7", Assert.Single(await _harness.Queue(queue).PeekTextsAsync(Ct)));
        Assert.Empty(await _harness.Poison(queue).PeekTextsAsync(Ct));
    }

    [Fact]
    public async Task ShutdownReleasesAMessageEvenWhenItsHandlerIgnoresCancellation()
    {
        var queue = await WorkQueueAsync();
        var probe = _harness.Probes.For<Work>();
        var finished = new TaskCompletionSource();
        probe.Behaviour = async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
            finished.TrySetResult();
            return FunctionResult.WithOutput("unused", "late");
        };
        await _harness.Queue(queue).SendMessageAsync("req-8", Ct);

        var worker = await _harness.StartAsync(WorkOptions() with { ShutdownGracePeriod = TimeSpan.FromMilliseconds(300) });
        await Eventually.HoldsAsync(() => probe.Count == 1, Patience, "the handler started");
        await worker.StopAsync(Ct);

        Assert.Equal("req-8", Assert.Single(await _harness.Queue(queue).PeekTextsAsync(Ct)));
        await finished.Task.WaitAsync(Patience, Ct);
        await Task.Delay(500, Ct);
        // The late completion did not delete the released message.
        Assert.Equal("req-8", Assert.Single(await _harness.Queue(queue).PeekTextsAsync(Ct)));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> WorkQueueAsync()
    {
        var queue = _harness.QueueName("work");
        _harness.Root.AddFunction(Work.Name, QueueTrigger(queue));
        await _harness.Queue(queue).CreateIfNotExistsAsync(cancellationToken: Ct);
        return queue;
    }

    [Fact]
    public async Task DisabledFunctionIsNotPolled()
    {
        var queue = await WorkQueueAsync();
        var probe = _harness.Probes.For<Work>();
        await _harness.Queue(queue).SendMessageAsync("req-disabled", Ct);
        var options = WorkOptions();

        var worker = await _harness.StartAsync(options with
        {
            Settings = new Dictionary<string, string?>(options.Settings!) { ["AzureWebJobs:Work:Disabled"] = "true" },
        });
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        Assert.Empty(worker.QueueFunctions);
        Assert.Empty(probe.Invocations);
        Assert.Equal(1, await _harness.Queue(queue).CountAsync(Ct));
    }

    private WorkerHostOptions WorkOptions() =>
        _harness.Options(services => services.AddFunction<ProbeHandler<Work>>()) with { EnableHttp = false };
}
