using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using PrivacySync.Functions.Teams;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// The webhook's pace shared by the instances that post to it, through the quota leases on Azurite (table
/// dsrquotashares, as the HubSpot connector shares its quota): two pacers stand for two app instances, one clock for both.
/// </summary>
public sealed class WebhookPacerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    private static TeamsSettings Settings(int postsPerSecond) => new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [TeamsSettings.PostsPerSecondSetting] = postsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        .Build());

    private async Task<TableQuotaShares> SharesAsync()
    {
        var shares = new TableQuotaShares(azurite.Clients, time);
        await shares.EnsureCreatedAsync(Ct);
        return shares;
    }

    [Theory]
    [InlineData(4, 1, 4, 1.0)]
    [InlineData(4, 2, 2, 1.0)]
    [InlineData(4, 3, 1, 1.0)]
    [InlineData(4, 4, 1, 1.0)]
    [InlineData(4, 8, 1, 2.0)]
    [InlineData(4, 6, 1, 1.5)]
    public void EachInstanceTakesTheWholePostsPerSecondThatFitItsShare(int perSecond, int instances, int posts, double windowSeconds)
    {
        Assert.Equal((posts, TimeSpan.FromSeconds(windowSeconds)), WebhookPacer.Share(perSecond, instances));
        // Together the instances never start more than the limit within one window of each.
        Assert.True(posts * instances <= perSecond * windowSeconds);
    }

    [Fact]
    public async Task TwoInstancesPostingToOneWebhookEachTakeHalfItsPaceAndOneAloneTakesItAllAgain()
    {
        var shares = await SharesAsync();
        var webhook = "TEAMS_WEBHOOK_" + Guid.NewGuid().ToString("N");
        using var first = new WebhookPacer(Settings(4), time, shares);
        using var second = new WebhookPacer(Settings(4), time, shares);

        await first.WaitTurnAsync(webhook, Ct);
        Assert.Equal(1, first.Instances(webhook));
        // The second instance's first post waits for its lease, so it starts at its share, not at the whole pace.
        await second.WaitTurnAsync(webhook, Ct);
        Assert.Equal(2, second.Instances(webhook));
        await AssertTurnsThisSecondAsync(second, webhook, 1);

        // The first learns of the second at its next renewal.
        time.Advance(TimeSpan.FromSeconds(2));
        await first.WaitTurnAsync(webhook, Ct);
        await EventuallyAsync(() => first.Instances(webhook) == 2);
        time.Advance(TimeSpan.FromSeconds(1));
        await AssertTurnsThisSecondAsync(first, webhook, 2);

        // The second stops posting: its lease runs out and the first has the webhook's whole pace again.
        time.Advance(TimeSpan.FromSeconds(8));
        await first.WaitTurnAsync(webhook, Ct);
        Assert.Equal(1, first.Instances(webhook));
        await AssertTurnsThisSecondAsync(first, webhook, 3);
    }

    /// <summary>Takes <paramref name="free"/> turns at once (what the share leaves in the current second), then sees the next one wait for the window.</summary>
    private async Task AssertTurnsThisSecondAsync(WebhookPacer pacer, string webhook, int free)
    {
        for (var i = 0; i < free; i++)
        {
            var turn = pacer.WaitTurnAsync(webhook, Ct);
            Assert.True(turn.IsCompleted, $"free turn {i + 1} waited");
            await turn;
        }

        var next = pacer.WaitTurnAsync(webhook, Ct);
        Assert.False(next.IsCompleted, "a turn beyond the instance's share did not wait");
        time.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the background renewal did not finish");
            await Task.Delay(20, Ct);
        }
    }
}
