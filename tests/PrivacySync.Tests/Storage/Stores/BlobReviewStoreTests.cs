using PrivacySync.Core.Review;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Storage.Stores;

/// <summary>Review decisions in Azurite: each written once, listed per request, deleted with the request's raw results.</summary>
public sealed class BlobReviewStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADecisionStandsOnceMadeAndGoesWithTheRequestsResults()
    {
        var results = new BlobResultStore(azurite.Clients);
        await results.EnsureCreatedAsync(Ct);
        var reviews = new BlobReviewStore(azurite.Clients);
        var request = "dsr-" + Guid.NewGuid().ToString("N");
        var other = "dsr-" + Guid.NewGuid().ToString("N");
        var first = new ReviewDecision("m365.3", ReviewDecisionKind.Redact, "a colleague's phone", "anna.berg", DateTimeOffset.UnixEpoch, ["98765432"]);

        Assert.Null(await reviews.TryCreateAsync(request, first, Ct));
        var second = await reviews.TryCreateAsync(request, first with { Decision = ReviewDecisionKind.Include, Officer = "lars.haugen", Redactions = null }, Ct);
        Assert.Null(await reviews.TryCreateAsync(other, first with { ItemId = "m365.4" }, Ct));

        Assert.True(first.SameAs(second!)); // the first decision is returned, not replaced
        var listed = Assert.Single(await reviews.ListAsync(request, Ct));
        Assert.Equal(("m365.3", "anna.berg"), (listed.Key, listed.Value.Officer));
        Assert.Equal(["98765432"], listed.Value.Redactions!);

        await results.DeleteAllAsync(request, Ct);
        Assert.Empty(await reviews.ListAsync(request, Ct));
        Assert.Single(await reviews.ListAsync(other, Ct));
    }
}
