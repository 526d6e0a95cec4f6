using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>
/// Sandbox-only controls under <c>/__sandbox</c> (no HubSpot path looks like this; no token needed):
/// limits and fault switches, request statistics, and restoring archived records from the recycle bin.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/__sandbox/faults", context => HubSpotJson.WriteAsync(context, 200, Faults(context)));
        app.MapPut("/__sandbox/faults", UpdateFaults);
        app.MapGet("/__sandbox/stats", context => HubSpotJson.WriteAsync(context, 200, context.RequestServices.GetRequiredService<SandboxStats>().ToJson()));
        app.MapDelete("/__sandbox/stats", context =>
        {
            context.RequestServices.GetRequiredService<SandboxStats>().Reset();
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        app.MapPost("/__sandbox/restore/{objectType}/{objectId}", Restore);
    }

    private static JObject Faults(HttpContext context)
    {
        var o = context.RequestServices.GetRequiredService<HubSpotSandboxOptions>();
        return new JObject
        {
            ["requestsPerTenSeconds"] = o.RequestsPerTenSeconds,
            ["searchRequestsPerSecond"] = o.SearchRequestsPerSecond,
            ["dailyBudget"] = o.DailyBudget,
            ["serverErrorRate"] = o.ServerErrorRate,
            ["throttleRate"] = o.ThrottleRate,
            ["latencyMs"] = o.LatencyMs,
            ["timeoutRate"] = o.TimeoutRate,
            ["timeoutMs"] = o.TimeoutMs,
            ["seed"] = o.Seed,
            ["sendRetryAfter"] = o.SendRetryAfter,
        };
    }

    /// <summary>PUT a partial object; only the fields given change. A new seed restarts the fault dice.</summary>
    private static async Task UpdateFaults(HttpContext context)
    {
        var body = await HubSpotJson.ReadObjectAsync(context);
        var o = context.RequestServices.GetRequiredService<HubSpotSandboxOptions>();
        if (body["requestsPerTenSeconds"] is { } tier) o.RequestsPerTenSeconds = Math.Max(1, tier.Value<int>());
        if (body["searchRequestsPerSecond"] is { } search) o.SearchRequestsPerSecond = Math.Max(1, search.Value<int>());
        if (body.ContainsKey("dailyBudget")) o.DailyBudget = body["dailyBudget"]?.Value<int?>();
        if (body["serverErrorRate"] is { } errors) o.ServerErrorRate = Math.Clamp(errors.Value<double>(), 0, 1);
        if (body["throttleRate"] is { } throttles) o.ThrottleRate = Math.Clamp(throttles.Value<double>(), 0, 1);
        if (body["latencyMs"] is { } latency) o.LatencyMs = Math.Max(0, latency.Value<int>());
        if (body["timeoutRate"] is { } timeouts) o.TimeoutRate = Math.Clamp(timeouts.Value<double>(), 0, 1);
        if (body["timeoutMs"] is { } timeoutMs) o.TimeoutMs = Math.Max(0, timeoutMs.Value<int>());
        if (body["sendRetryAfter"] is { } retryAfter) o.SendRetryAfter = retryAfter.Value<bool>();
        if (body["seed"] is { } seed)
        {
            o.Seed = seed.Value<int>();
            context.RequestServices.GetRequiredService<FaultInjector>().Reseed(o.Seed);
        }

        await HubSpotJson.WriteAsync(context, 200, Faults(context));
    }

    private static async Task Restore(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<HubSpotStore>();
        var type = ObjectTypes.Resolve(HubSpotJson.Route(context, "objectType"));
        JObject json;
        lock (store.Sync) json = CrmRender.Object(store, store.Restore(type, HubSpotJson.Route(context, "objectId")), allSetProperties: true);
        await HubSpotJson.WriteAsync(context, 200, json);
    }
}
