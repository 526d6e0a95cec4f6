namespace PrivacySync.Tests.HubSpot;

/// <summary>A clock stopped at one instant (timers still run in real time), for quota-window arithmetic.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
