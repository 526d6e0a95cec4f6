namespace PrivacySync.Sandbox.HubSpot;

internal enum Fault
{
    None,
    ServerError,
    Timeout,
    Throttle,
}

/// <summary>Rolls the fault dice with a seeded <see cref="Random"/> so a faulty run is repeatable.</summary>
internal sealed class FaultInjector(HubSpotSandboxOptions options)
{
    private readonly Lock sync = new();
    private Random random = new(options.Seed);

    public void Reseed(int seed)
    {
        lock (sync) random = new Random(seed);
    }

    public (Fault Fault, int StatusCode) Roll()
    {
        lock (sync)
        {
            var timeoutDie = random.NextDouble();
            var errorDie = random.NextDouble();
            var statusDie = random.Next(2);
            if (timeoutDie < options.TimeoutRate) return (Fault.Timeout, 504);
            if (errorDie < options.ServerErrorRate) return (Fault.ServerError, statusDie == 0 ? 500 : 503);
            if (errorDie < options.ServerErrorRate + options.ThrottleRate) return (Fault.Throttle, 429);
            return (Fault.None, 0);
        }
    }
}
