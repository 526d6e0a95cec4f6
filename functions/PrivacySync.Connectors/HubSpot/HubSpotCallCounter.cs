namespace PrivacySync.Connectors.HubSpot;

/// <summary>
/// Calls the HubSpot client made and what came back, so a benchmark can compute calls/s ÷ quota and the 429 share.
/// Thread-safe; one instance per account connection.
/// </summary>
public sealed class HubSpotCallCounter
{
    private long calls;
    private long throttled;
    private long serverErrors;
    private long transportFailures;
    private long retries;

    /// <summary>HTTP requests sent (every attempt, retries included).</summary>
    public long Calls => Interlocked.Read(ref calls);

    /// <summary>429 answers received (any policy).</summary>
    public long Throttled => Interlocked.Read(ref throttled);

    public long ServerErrors => Interlocked.Read(ref serverErrors);

    /// <summary>Attempts that ended without an answer (connection failure or attempt timeout).</summary>
    public long TransportFailures => Interlocked.Read(ref transportFailures);

    public long Retries => Interlocked.Read(ref retries);

    public double ThrottledShare => Calls == 0 ? 0 : (double)Throttled / Calls;

    internal void Call() => Interlocked.Increment(ref calls);

    internal void Throttle() => Interlocked.Increment(ref throttled);

    internal void ServerError() => Interlocked.Increment(ref serverErrors);

    internal void TransportFailure() => Interlocked.Increment(ref transportFailures);

    internal void Retry() => Interlocked.Increment(ref retries);
}
