namespace PrivacySync.Sandbox.Graph;

/// <summary>
/// Knobs of the Graph simulator. Defaults follow the documented service limits except where waiting would make
/// tests slow: Retry-After is 1 s (Graph usually says more) and the eDiscovery action window is configurable.
/// </summary>
public sealed class GraphSimulatorOptions
{
    public string TenantId { get; init; } = "7d4b1c2e-5f60-4a8b-9c0d-1e2f3a4b5c6d";

    /// <summary>Seconds sent in Retry-After on every 429.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Outlook allows 4 concurrent requests per app and mailbox.</summary>
    public int MailboxConcurrencyLimit { get; init; } = 4;

    /// <summary>Artificial service time of each mailbox request, so concurrency becomes observable.</summary>
    public TimeSpan MailboxLatency { get; init; } = TimeSpan.Zero;

    /// <summary>$search on messages returns at most this many results in all.</summary>
    public int SearchResultCap { get; init; } = 1000;

    public int MaxPageSize { get; init; } = 1000;

    /// <summary>eDiscovery actions (estimate, purge, export) allowed per app within <see cref="EdiscoveryWindow"/>.</summary>
    public int EdiscoveryActionsPerWindow { get; init; } = 5;

    public TimeSpan EdiscoveryWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How many GETs of an operation pass before it completes (asynchronous progress, deterministic).</summary>
    public int OperationPollsToComplete { get; init; } = 2;

    /// <summary>purgeData removes at most this many items per mailbox per call.</summary>
    public int PurgeItemsPerLocation { get; init; } = 100;

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Service time added to every v1.0 request (a benchmark's "realistic" Graph: 250 ms per call).</summary>
    public TimeSpan RequestLatency { get; init; } = TimeSpan.Zero;

    /// <summary>Share (0..1) of v1.0 requests answered 503 ServiceUnavailable (chaos runs; may change while running).</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share (0..1) of v1.0 requests answered 429 TooManyRequests with Retry-After (chaos runs; may change while running).</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Seed of the fault dice, so a faulty run is repeatable.</summary>
    public int Seed { get; init; } = 20261201;
}
