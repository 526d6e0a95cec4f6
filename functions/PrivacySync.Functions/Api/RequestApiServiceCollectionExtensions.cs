using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PrivacySync.Functions.Functions.DecideRequest;
using PrivacySync.Functions.Functions.SubmitRequest;

namespace PrivacySync.Functions.Api;

public static class RequestApiServiceCollectionExtensions
{
    /// <summary>What the request API's functions share (the functions themselves are added with AddFunction).</summary>
    public static IServiceCollection AddRequestApi(this IServiceCollection services)
    {
        services.AddOptions<RequestApiOptions>()
            .BindConfiguration(Orchestration.OrchestrationOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<RequestViews>();
        services.TryAddSingleton<RequestDispatcher>();
        services.TryAddSingleton<AccessDenials>();
        services.TryAddSingleton<SubmitRequestHandler>();
        services.TryAddSingleton<DecideRequestHandler>();

        // ASP.NET Core's own request lines carry paths and query strings: signed download links (credentials) and
        // whatever a caller typed. The API logs its own events with request ids instead.
        services.Configure<LoggerFilterOptions>(filters =>
        {
            filters.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning, null));
            filters.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore.Routing", LogLevel.Warning, null));
        });
        return services;
    }
}
