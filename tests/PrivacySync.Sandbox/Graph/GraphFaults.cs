namespace PrivacySync.Sandbox.Graph;

/// <summary>
/// Latency and injected faults for v1.0 calls, after authentication: a seeded die picks 429 (with Retry-After) or 503,
/// as Graph answers when a workload is throttled or unavailable. Counts what it injected.
/// </summary>
internal sealed class GraphFaults(GraphSimulatorOptions options)
{
    private readonly Lock sync = new();
    private readonly Random random = new(options.Seed);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/v1.0"))
        {
            await next(context);
            return;
        }

        if (options.RequestLatency > TimeSpan.Zero)
        {
            await Task.Delay(options.RequestLatency, context.RequestAborted);
        }

        double die;
        lock (sync) die = random.NextDouble();
        if (die < options.ThrottleRate)
        {
            await GraphErrors.WriteAsync(context, 429, "TooManyRequests", "Too many requests; retry after the interval named in Retry-After.", options.RetryAfterSeconds);
            return;
        }

        if (die < options.ThrottleRate + options.ServerErrorRate)
        {
            await GraphErrors.WriteAsync(context, 503, "ServiceUnavailable", "The service is temporarily unavailable.");
            return;
        }

        await next(context);
    }
}
