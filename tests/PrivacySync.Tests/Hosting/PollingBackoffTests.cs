using PrivacySync.Functions.Worker;

namespace PrivacySync.Tests.Hosting;

public sealed class PollingBackoffTests
{
    [Fact]
    public void DoublesFromOneHundredMillisecondsUpToTheMaximum()
    {
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(1));

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.NextDelay().TotalMilliseconds);

        Assert.Equal([100d, 200d, 400d, 800d, 1000d, 1000d], delays);
    }

    [Fact]
    public void StartsOverWhenAMessageArrives()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMinutes(1));
        backoff.NextDelay();
        backoff.NextDelay();
        backoff.NextDelay();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.NextDelay());
    }
}
