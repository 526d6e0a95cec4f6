using PrivacySync.Functions.Hosting.Metadata;

namespace PrivacySync.Functions.Worker;

/// <summary>
/// The delay between polls of an empty queue: starts at 100 ms, doubles after each empty poll up to
/// maxPollingInterval, and returns to the start as soon as a message arrives (as the host's queue listener does).
/// </summary>
public sealed class PollingBackoff(TimeSpan maxInterval)
{
    private TimeSpan _next = QueueSettings.MinPollingInterval;

    /// <summary>The delay to wait now; the following one is doubled, up to the maximum.</summary>
    public TimeSpan NextDelay()
    {
        var delay = _next < maxInterval ? _next : maxInterval;
        _next = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxInterval.Ticks));
        return delay;
    }

    public void Reset() => _next = QueueSettings.MinPollingInterval;
}
