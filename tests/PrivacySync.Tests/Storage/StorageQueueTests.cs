using PrivacySync.Storage;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Storage;

public sealed class StorageQueueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SentTextIsReceivedUnchangedAndHiddenWhileLeased()
    {
        var queue = await NewQueueAsync();
        const string text = "{\"requestId\":\"r-1\",\"system\":\"hubspot\"} ÆØÅ åäö ✓";

        var sent = await queue.SendAsync(text, ct: Ct);
        var received = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), Ct);

        var message = Assert.Single(received);
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal(text, message.Text);
        Assert.Equal(1, message.DequeueCount);
        Assert.True(message.NextVisibleOn > DateTimeOffset.UtcNow.AddSeconds(20));
        Assert.Empty(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), Ct));
    }

    [Fact]
    public async Task VisibilityDelayHidesMessageUntilItElapses()
    {
        var queue = await NewQueueAsync();

        var sent = await queue.SendAsync("later", visibilityDelay: TimeSpan.FromSeconds(3), ct: Ct);

        Assert.True(sent.NextVisibleOn >= sent.InsertedOn.AddSeconds(3));
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30), Ct));
        var received = await PollUntilReceivedAsync(queue);
        Assert.Equal("later", received.Text);
    }

    [Fact]
    public async Task TimeToLiveSetsExpiryAndExpiredMessagesAreGone()
    {
        var queue = await NewQueueAsync();

        var lasting = await queue.SendAsync("lasting", timeToLive: TimeSpan.FromMinutes(5), ct: Ct);
        var forever = await queue.SendAsync("forever", timeToLive: Timeout.InfiniteTimeSpan, ct: Ct);
        var brief = await queue.SendAsync("brief", timeToLive: TimeSpan.FromSeconds(1), ct: Ct);

        Assert.Equal(TimeSpan.FromMinutes(5), lasting.ExpiresOn - lasting.InsertedOn);
        Assert.True(forever.ExpiresOn > DateTimeOffset.UtcNow.AddYears(100));
        await Task.Delay(brief.ExpiresOn - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.5), Ct);
        var texts = (await queue.PeekAsync(32, Ct)).Select(m => m.Text).Order().ToList();
        Assert.Equal(["forever", "lasting"], texts);
    }

    [Fact]
    public async Task DequeueCountRisesWhenVisibilityExpiresWithoutDelete()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("retry me", ct: Ct);

        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), Ct));
        var second = await PollUntilReceivedAsync(queue);

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
    }

    [Fact]
    public async Task UpdateChangesTextAndVisibilityAndIssuesNewReceipt()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("before", ct: Ct);
        var leased = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(60), Ct));

        var extended = await queue.UpdateAsync(leased.MessageId, leased.PopReceipt, TimeSpan.FromSeconds(120), ct: Ct);
        Assert.NotEqual(leased.PopReceipt, extended.PopReceipt);
        Assert.True(extended.NextVisibleOn > leased.NextVisibleOn);
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30), Ct));

        await queue.UpdateAsync(leased.MessageId, extended.PopReceipt, TimeSpan.Zero, "after", Ct);
        var again = await PollUntilReceivedAsync(queue);

        Assert.Equal(leased.MessageId, again.MessageId);
        Assert.Equal("after", again.Text);
    }

    [Fact]
    public async Task DeleteByPopReceiptRemovesTheMessage()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("done", ct: Ct);
        var leased = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), Ct));

        await queue.DeleteMessageAsync(leased.MessageId, leased.PopReceipt, Ct);

        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        Assert.Empty(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(0, await queue.GetApproximateCountAsync(Ct));
    }

    [Fact]
    public async Task StalePopReceiptIsRejectedWithTypedException()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("contended", ct: Ct);
        var leased = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(60), Ct));
        var renewed = await queue.UpdateAsync(leased.MessageId, leased.PopReceipt, TimeSpan.FromSeconds(60), ct: Ct);

        var stale = await Assert.ThrowsAsync<StoragePopReceiptMismatchException>(
            () => queue.DeleteMessageAsync(leased.MessageId, leased.PopReceipt, Ct));
        Assert.Equal(400, stale.Status);
        Assert.Equal("PopReceiptMismatch", stale.ErrorCode);
        await Assert.ThrowsAsync<StoragePopReceiptMismatchException>(
            () => queue.UpdateAsync(leased.MessageId, leased.PopReceipt, TimeSpan.Zero, ct: Ct));

        await queue.DeleteMessageAsync(leased.MessageId, renewed.PopReceipt, Ct);
        var gone = await Assert.ThrowsAsync<StoragePopReceiptMismatchException>(
            () => queue.DeleteMessageAsync(leased.MessageId, renewed.PopReceipt, Ct));
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task PeekShowsVisibleMessagesWithoutLeasingThem()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("one", ct: Ct);
        await queue.SendAsync("two", ct: Ct);

        var peeked = await queue.PeekAsync(32, Ct);
        var received = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(["one", "two"], peeked.Select(p => p.Text).Order());
        Assert.All(peeked, p => Assert.Equal(0, p.DequeueCount));
        Assert.Equal(peeked.Select(p => p.MessageId).Order(), received.Select(r => r.MessageId).Order());
    }

    [Fact]
    public async Task ApproximateCountIncludesHiddenMessagesAndClearEmptiesTheQueue()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("a", ct: Ct);
        await queue.SendAsync("b", ct: Ct);
        await queue.SendAsync("c", visibilityDelay: TimeSpan.FromMinutes(1), ct: Ct);

        Assert.Equal(3, await queue.GetApproximateCountAsync(Ct));

        await queue.ClearAsync(Ct);
        Assert.Equal(0, await queue.GetApproximateCountAsync(Ct));
    }

    [Fact]
    public async Task CreateAndDeleteAreIdempotentAndAMissingQueueIsNotFound()
    {
        var queue = azurite.Account.GetQueue(azurite.UniqueName("q"));
        await queue.CreateIfNotExistsAsync(Ct);
        await queue.CreateIfNotExistsAsync(Ct);
        await queue.SendAsync("x", ct: Ct);

        await queue.DeleteIfExistsAsync(Ct);
        await queue.DeleteIfExistsAsync(Ct);

        var missing = await Assert.ThrowsAsync<StorageNotFoundException>(() => queue.SendAsync("x", ct: Ct));
        Assert.Equal("QueueNotFound", missing.ErrorCode);
        Assert.DoesNotContain("\"x\"", missing.Message, StringComparison.Ordinal);
    }

    private async Task<StorageQueue> NewQueueAsync()
    {
        var queue = azurite.Account.GetQueue(azurite.UniqueName("q"));
        await queue.CreateIfNotExistsAsync(Ct);
        return queue;
    }

    /// <summary>Bounded wait for a hidden message to become visible again (Azurite's clock has whole-second steps).</summary>
    private static async Task<QueueMessage> PollUntilReceivedAsync(StorageQueue queue)
    {
        var deadline = DateTimeOffset.UtcNow + PollLimit;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var received = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30), Ct);
            if (received.Count > 0)
            {
                return received[0];
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), Ct);
        }

        throw new TimeoutException($"No message became visible within {PollLimit}.");
    }
}
