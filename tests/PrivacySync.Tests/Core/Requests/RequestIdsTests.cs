using Microsoft.Extensions.Time.Testing;
using PrivacySync.Core.Requests;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Core.Requests;

public sealed class RequestIdsTests
{
    [Fact]
    public void IdCarriesTheUtcTimeAndSixteenRandomBase32Characters()
    {
        var ids = new RequestIds(new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 15, 30, TimeSpan.FromHours(1))));

        var id = ids.Next();

        Assert.Matches("^dsr-20261122091530-[0-9a-hjkmnp-tv-z]{16}$", id);
        Assert.True(RequestIds.IsValid(id));
    }

    [Fact]
    public void LaterIdsSortAfterEarlierOnes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        var ids = new RequestIds(time);
        var first = ids.Next();
        time.Advance(TimeSpan.FromSeconds(1));

        var second = ids.Next();

        Assert.True(string.CompareOrdinal(first, second) < 0);
    }

    [Fact]
    public void IdsMadeInTheSameSecondDoNotRepeat()
    {
        var ids = new RequestIds(new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var made = Enumerable.Range(0, 2000).Select(_ => ids.Next()).ToHashSet();

        Assert.Equal(2000, made.Count);
        Assert.True(made.SelectMany(id => id[^16..]).Distinct().Count() == 32, "all 32 base32 symbols appear");
    }

    [Theory]
    [InlineData("dsr-20261122091530-../../etc/pass")]
    [InlineData("DSR-20261122091530-0123456789ABCDEF")]
    [InlineData("dsr-20261122091530-0123456789abcdei")] // 'i' is not Crockford base32
    [InlineData("dsr-2026112209153-0123456789abcdef")]
    [InlineData("")]
    [InlineData(null)]
    public void MalformedIdsAreRejected(string? id) => Assert.False(RequestIds.IsValid(id));
}
