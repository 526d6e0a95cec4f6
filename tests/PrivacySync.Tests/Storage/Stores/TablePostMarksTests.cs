using Microsoft.Extensions.Time.Testing;
using PrivacySync.Core.Notifications;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Storage.Stores;

/// <summary>Post marks on Azurite: a notification on no request's trail is claimed once, taken over only when its claim ran out, and posted once.</summary>
public sealed class TablePostMarksTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 2, 0, 0, TimeSpan.Zero));

    private async Task<TablePostMarks> MarksAsync()
    {
        var marks = new TablePostMarks(azurite.Clients, time);
        await marks.EnsureCreatedAsync(Ct);
        return marks;
    }

    private static string Key() => $"nightly-summary:2026-12-02:entity/{Guid.NewGuid():N}";

    [Fact]
    public async Task ASecondDeliveryWaitsForTheClaimAndFindsThePostMarked()
    {
        var marks = await MarksAsync();
        var key = Key();

        var first = await marks.ClaimAsync(key, time.GetUtcNow() + Lease, Ct);
        var second = await marks.ClaimAsync(key, time.GetUtcNow() + Lease, Ct);

        Assert.Equal(PostClaimState.Claimed, first.State);
        Assert.Equal(PostClaimState.HeldElsewhere, second.State);
        Assert.Equal(time.GetUtcNow() + Lease, second.HeldUntil);
        Assert.True(await marks.MarkPostedAsync(key, first.ETag!, Ct));
        // Posted stays posted, long after any claim would have run out.
        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(PostClaimState.Posted, (await marks.ClaimAsync(key, time.GetUtcNow() + Lease, Ct)).State);
    }

    [Fact]
    public async Task AClaimWhosePosterIsGoneIsTakenOverOnceItRunsOutAndTheLateMarkIsRefused()
    {
        var marks = await MarksAsync();
        var key = Key();
        var crashed = await marks.ClaimAsync(key, time.GetUtcNow() + Lease, Ct);

        time.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(PostClaimState.HeldElsewhere, (await marks.ClaimAsync(key, time.GetUtcNow() + Lease, Ct)).State);
        time.Advance(TimeSpan.FromSeconds(2));
        var takeover = await marks.ClaimAsync(key, time.GetUtcNow() + Lease, Ct);

        Assert.Equal(PostClaimState.Claimed, takeover.State);
        // The first poster, back late, learns it lost its claim; the one holding it marks the post.
        Assert.False(await marks.MarkPostedAsync(key, crashed.ETag!, Ct));
        Assert.True(await marks.MarkPostedAsync(key, takeover.ETag!, Ct));
        Assert.Equal(PostClaimState.Posted, (await marks.ClaimAsync(key, time.GetUtcNow() + Lease, Ct)).State);
    }

    [Fact]
    public async Task AReleasedClaimIsClaimedAgainAtOnceAndAStaleReleaseLeavesTheNewClaim()
    {
        var marks = await MarksAsync();
        var key = Key();
        var failed = await marks.ClaimAsync(key, time.GetUtcNow() + Lease, Ct);

        await marks.ReleaseAsync(key, failed.ETag!, Ct);
        var retry = await marks.ClaimAsync(key, time.GetUtcNow() + Lease, Ct);
        await marks.ReleaseAsync(key, failed.ETag!, Ct);

        Assert.Equal(PostClaimState.Claimed, retry.State);
        Assert.Equal(PostClaimState.HeldElsewhere, (await marks.ClaimAsync(key, time.GetUtcNow() + Lease, Ct)).State);
        Assert.True(await marks.MarkPostedAsync(key, retry.ETag!, Ct));
    }

    [Fact]
    public async Task TwoPostersAtOnceGetOneClaim()
    {
        var marks = await MarksAsync();
        var key = Key();

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => marks.ClaimAsync(key, time.GetUtcNow() + Lease, Ct)));

        Assert.Single(claims, c => c.State == PostClaimState.Claimed);
        Assert.All(claims.Where(c => c.State != PostClaimState.Claimed), c => Assert.Equal(PostClaimState.HeldElsewhere, c.State));
    }
}
