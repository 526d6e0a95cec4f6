using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Orchestration;

/// <summary>
/// The one way the app enqueues: each message kind to its queue (created on first use), as JSON through the base64
/// queue client, optionally delayed. On a private Azurite: the flow's queue names are fixed.
/// </summary>
public sealed class WorkQueuesTests : IAsyncLifetime
{
    private PrivateAzurite storage = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => storage = await PrivateAzurite.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await storage.DisposeAsync();

    [Fact]
    public async Task EachMessageKindGoesToItsQueueCreatedOnFirstUse()
    {
        var clients = PrivacySync.Storage.StorageClients.FromConnectionString(storage.ConnectionString);
        var queues = new WorkQueues(clients);

        await queues.DispatchAsync("dsr-1", Ct);
        await queues.CollectAsync("dsr-2", null, Ct);
        await queues.RunTaskAsync(new TaskMessage("dsr-3", "hubspot"), TaskQueue.Cloud, null, Ct);
        await queues.RunTaskAsync(new TaskMessage("dsr-4", "hr-db"), TaskQueue.OnPrem, null, Ct);

        Assert.Equal(new RequestMessage("dsr-1"), CoreJson.Deserialize<RequestMessage>(Assert.Single(await clients.Queue(QueueNames.Dispatch).PeekTextsAsync(Ct))));
        Assert.Equal(new RequestMessage("dsr-2"), CoreJson.Deserialize<RequestMessage>(Assert.Single(await clients.Queue(QueueNames.Collect).PeekTextsAsync(Ct))));
        Assert.Equal(new TaskMessage("dsr-3", "hubspot"), CoreJson.Deserialize<TaskMessage>(Assert.Single(await clients.Queue(QueueNames.Tasks).PeekTextsAsync(Ct))));
        Assert.Equal(new TaskMessage("dsr-4", "hr-db"), CoreJson.Deserialize<TaskMessage>(Assert.Single(await clients.Queue(QueueNames.OnPremTasks).PeekTextsAsync(Ct))));
    }

    [Fact]
    public async Task DelayedMessageStaysHiddenUntilTheDelayElapses()
    {
        var clients = PrivacySync.Storage.StorageClients.FromConnectionString(storage.ConnectionString);
        var queue = clients.Queue(QueueNames.Collect);
        var queues = new WorkQueues(clients);

        await queues.CollectAsync("dsr-5", TimeSpan.FromSeconds(2), Ct);

        Assert.Empty(await queue.PeekTextsAsync(Ct));
        Assert.Equal(1, await queue.CountAsync(Ct));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        IReadOnlyList<string> visible = [];
        while (visible.Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), Ct);
            visible = await queue.PeekTextsAsync(Ct);
        }

        Assert.Equal("dsr-5", CoreJson.Deserialize<RequestMessage>(Assert.Single(visible)).RequestId);
    }
}
