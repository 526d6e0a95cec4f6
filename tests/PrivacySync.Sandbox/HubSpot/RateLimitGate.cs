namespace PrivacySync.Sandbox.HubSpot;

/// <summary>What the rate limiter decided for one request, with the headers HubSpot sends.</summary>
internal sealed record GateDecision(string? Policy, TimeSpan RetryAfter, IReadOnlyDictionary<string, string> Headers)
{
    public bool Allowed => Policy is null;
}

/// <summary>
/// HubSpot's limits as the simulator enforces them, timed by the injected <see cref="TimeProvider"/>:
/// a rolling 10 s window per token (TEN_SECONDLY_ROLLING), a 1 s window for CRM search per token (SECONDLY),
/// and an optional account-wide daily budget (DAILY) that resets at midnight UTC. Rejected requests are not counted.
/// </summary>
internal sealed class RateLimitGate(HubSpotSandboxOptions options, TimeProvider time, SandboxStats stats)
{
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private readonly Lock sync = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> windows = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> searchWindows = [];
    private DateOnly day;
    private int usedToday;

    public GateDecision Admit(string token, bool isSearch)
    {
        lock (sync)
        {
            var now = time.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (today != day)
            {
                day = today;
                usedToday = 0;
            }

            var window = Trim(windows, token, now, TenSeconds);
            var search = Trim(searchWindows, token, now, OneSecond);
            var headers = new Dictionary<string, string>();

            if (options.DailyBudget is { } budget && usedToday >= budget)
            {
                stats.Throttled("DAILY");
                var midnight = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                headers["X-HubSpot-RateLimit-Daily"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture);
                headers["X-HubSpot-RateLimit-Daily-Remaining"] = "0";
                return new GateDecision("DAILY", midnight - now, headers);
            }

            if (isSearch && search.Count >= options.SearchRequestsPerSecond)
            {
                stats.Throttled("SECONDLY");
                return new GateDecision("SECONDLY", search.Peek() + OneSecond - now, headers);
            }

            if (!isSearch)
            {
                // HubSpot's search endpoints do not return the standard rate-limit headers.
                headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = "10000";
                headers["X-HubSpot-RateLimit-Max"] = options.RequestsPerTenSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (window.Count >= options.RequestsPerTenSeconds)
            {
                stats.Throttled("TEN_SECONDLY_ROLLING");
                if (!isSearch) headers["X-HubSpot-RateLimit-Remaining"] = "0";
                return new GateDecision("TEN_SECONDLY_ROLLING", window.Peek() + TenSeconds - now, headers);
            }

            window.Enqueue(now);
            if (isSearch) search.Enqueue(now);
            usedToday++;
            if (!isSearch) headers["X-HubSpot-RateLimit-Remaining"] = (options.RequestsPerTenSeconds - window.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (options.DailyBudget is { } dailyBudget)
            {
                headers["X-HubSpot-RateLimit-Daily"] = dailyBudget.ToString(System.Globalization.CultureInfo.InvariantCulture);
                headers["X-HubSpot-RateLimit-Daily-Remaining"] = Math.Max(0, dailyBudget - usedToday).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return new GateDecision(null, TimeSpan.Zero, headers);
        }
    }

    private static Queue<DateTimeOffset> Trim(Dictionary<string, Queue<DateTimeOffset>> all, string token, DateTimeOffset now, TimeSpan span)
    {
        if (!all.TryGetValue(token, out var queue))
        {
            queue = new Queue<DateTimeOffset>();
            all[token] = queue;
        }

        while (queue.Count > 0 && queue.Peek() + span <= now) queue.Dequeue();
        return queue;
    }
}
