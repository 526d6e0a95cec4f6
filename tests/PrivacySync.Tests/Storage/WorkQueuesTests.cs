using PrivacySync.Core.Common;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Storage;

/// <summary>The flow's direct sends: JSON messages through the base64 queue client, created on first use, optionally delayed.</summary>
public sealed class WorkQueuesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendCreatesAMissingQueueAndTheMessageReadsBackAsItsJson()
    {
        var name = azurite.UniqueName("work");
        var queues = new WorkQueues(azurite.Clients);

        await queues.SendAsync(name, new TaskMessage("dsr-1", "hubspot"), null, Ct);

        var text = Assert.Single(await azurite.Clients.Queue(name).PeekTextsAsync(Ct));
        Assert.Equal(new TaskMessage("dsr-1", "hubspot"), CoreJson.Deserialize<TaskMessage>(text));
        await azurite.Clients.Queue(name).DeleteAsync(Ct);
    }

    [Fact]
    public async Task DelayedSendStaysHiddenUntilTheDelayElapses()
    {
        var name = azurite.UniqueName("work");
        var queue = azurite.Clients.Queue(name);
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        var queues = new WorkQueues(azurite.Clients);

        await queues.SendAsync(name, new RequestMessage("dsr-2"), TimeSpan.FromSeconds(2), Ct);

        Assert.Empty(await queue.PeekTextsAsync(Ct));
        Assert.Equal(1, await queue.CountAsync(Ct));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        IReadOnlyList<string> visible = [];
        while (visible.Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), Ct);
            visible = await queue.PeekTextsAsync(Ct);
        }

        Assert.Equal("dsr-2", CoreJson.Deserialize<RequestMessage>(Assert.Single(visible)).RequestId);
        await queue.DeleteAsync(Ct);
    }
}
