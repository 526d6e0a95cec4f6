using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacySync.Sandbox.Hosting;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>
/// A HubSpot API simulator: private-app bearer auth, CRM objects (contacts, companies, deals, tickets, notes, emails,
/// calls, meetings), search, v4 associations, properties, forms, communication preferences and GDPR delete, with
/// HubSpot's JSON shapes, status codes, error bodies, paging and rate limits. State is in memory.
/// Register a <see cref="TimeProvider"/> after <see cref="ConfigureServices"/> to drive the rate-limit clock in tests.
/// </summary>
public sealed class HubSpotSimulator(HubSpotSandboxOptions? options = null) : ISimulator
{
    private const string SandboxPrefix = "/__sandbox";

    public string Name => "hubspot";

    public void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(options ?? new HubSpotSandboxOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HubSpotStore>();
        services.AddSingleton<SandboxStats>();
        services.AddSingleton<RateLimitGate>();
        services.AddSingleton<FaultInjector>();
    }

    public void Map(WebApplication app)
    {
        app.Use(Gate);
        CrmObjectEndpoints.Map(app);
        AssociationEndpoints.Map(app);
        PropertyEndpoints.Map(app);
        SubscriptionEndpoints.Map(app);
        FormEndpoints.Map(app);
        AdminEndpoints.Map(app);
    }

    /// <summary>Auth, then rate limits, then injected faults, then the endpoint; API errors become HubSpot error bodies.</summary>
    private static async Task Gate(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(SandboxPrefix))
        {
            await next(context);
            return;
        }

        var services = context.RequestServices;
        var options = services.GetRequiredService<HubSpotSandboxOptions>();
        var stats = services.GetRequiredService<SandboxStats>();
        var correlationId = Guid.NewGuid().ToString();
        context.Response.Headers["X-HubSpot-Correlation-Id"] = correlationId;

        var token = BearerToken(context);
        if (token is null || !options.AccessTokens.Contains(token))
        {
            stats.Unauthorized();
            var message = token is null
                ? "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview"
                : "The access token provided is not valid for this account. Check that the private app token is current.";
            await HubSpotJson.WriteAsync(context, 401, HubSpotJson.Error(message, "INVALID_AUTHENTICATION", correlationId));
            return;
        }

        stats.Request();
        var isSearch = HttpMethods.IsPost(context.Request.Method)
            && context.Request.Path.StartsWithSegments("/crm/v3/objects")
            && context.Request.Path.Value!.EndsWith("/search", StringComparison.Ordinal);
        var decision = services.GetRequiredService<RateLimitGate>().Admit(token, isSearch);
        foreach (var (name, value) in decision.Headers) context.Response.Headers[name] = value;
        if (!decision.Allowed)
        {
            await Throttle(context, options, decision, correlationId);
            return;
        }

        stats.Admitted(services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (options.LatencyMs > 0) await Task.Delay(options.LatencyMs, context.RequestAborted);
        var (fault, status) = services.GetRequiredService<FaultInjector>().Roll();
        if (fault == Fault.Timeout)
        {
            stats.Timeout();
            await Task.Delay(options.TimeoutMs, context.RequestAborted);
            await HubSpotJson.WriteAsync(context, status, HubSpotJson.Error("The upstream service timed out.", "GATEWAY_TIMEOUT", correlationId));
            return;
        }

        if (fault == Fault.Throttle)
        {
            stats.Throttled("INJECTED");
            await Throttle(context, options, new GateDecision("TEN_SECONDLY_ROLLING", TimeSpan.FromSeconds(1), new Dictionary<string, string>()), correlationId);
            return;
        }

        if (fault == Fault.ServerError)
        {
            stats.ServerError();
            await HubSpotJson.WriteAsync(context, status, HubSpotJson.Error("internal error", "INTERNAL_ERROR", correlationId));
            return;
        }

        try
        {
            await next(context);
        }
        catch (SandboxApiException e) when (!context.Response.HasStarted)
        {
            await HubSpotJson.WriteAsync(context, e.StatusCode, HubSpotJson.Error(e.Message, e.Category, correlationId, e.Errors));
        }
    }

    private static Task Throttle(HttpContext context, HubSpotSandboxOptions options, GateDecision decision, string correlationId)
    {
        if (options.SendRetryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var message = decision.Policy switch
        {
            "DAILY" => "You have reached your daily limit.",
            "SECONDLY" => "You have reached your secondly limit.",
            _ => "You have reached your ten_secondly_rolling limit.",
        };
        var body = HubSpotJson.Error(message, "RATE_LIMITS", correlationId);
        body["errorType"] = "RATE_LIMIT";
        body["policyName"] = decision.Policy;
        return HubSpotJson.WriteAsync(context, 429, body);
    }

    private static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
