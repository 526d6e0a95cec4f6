namespace PrivacySync.Sandbox.HubSpot;

/// <summary>
/// Start-up settings of the HubSpot simulator. Limits and faults can also be changed at run time through
/// <c>GET|PUT /__sandbox/faults</c> (a path HubSpot does not have).
/// </summary>
public sealed class HubSpotSandboxOptions
{
    /// <summary>Private-app tokens the simulator accepts as <c>Authorization: Bearer …</c>.</summary>
    public IList<string> AccessTokens { get; init; } = ["sandbox-private-app-token"];

    /// <summary>The account (portal, "hub") id shown in form submissions and profiles.</summary>
    public long PortalId { get; init; } = 24680135;

    /// <summary>Requests per rolling 10 s per token (HubSpot's TEN_SECONDLY_ROLLING policy; 100 on the base tier).</summary>
    public int RequestsPerTenSeconds { get; set; } = 100;

    /// <summary>CRM search requests per second per token (HubSpot's search-specific limit).</summary>
    public int SearchRequestsPerSecond { get; set; } = 5;

    /// <summary>Requests per account per day; null means unlimited. The day ends at midnight UTC in the sandbox.</summary>
    public int? DailyBudget { get; set; }

    /// <summary>Share (0..1) of requests answered with an injected 500/503.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share (0..1) of admitted requests answered with an injected 429 (TEN_SECONDLY_ROLLING, Retry-After 1 s).</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Extra latency added to every API request (a benchmark's "realistic" HubSpot: 150 ms per call).</summary>
    public int LatencyMs { get; set; }

    /// <summary>Share (0..1) of requests that hang for <see cref="TimeoutMs"/> and then answer 504.</summary>
    public double TimeoutRate { get; set; }

    public int TimeoutMs { get; set; } = 30_000;

    /// <summary>Seed of the fault dice, so a run with faults is repeatable.</summary>
    public int Seed { get; set; } = 20261122;

    /// <summary>Whether 429 answers carry a Retry-After header (seconds until the window frees a slot).</summary>
    public bool SendRetryAfter { get; set; } = true;

    /// <summary>Associations per object per page in v4 batch reads (HubSpot pages these; 500 by default).</summary>
    public int AssociationBatchPageSize { get; set; } = 500;
}
