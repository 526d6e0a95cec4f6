using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PrivacySync.Functions.Intake;

namespace PrivacySync.Functions.Api;

public static class RequestApiServiceCollectionExtensions
{
    /// <summary>What the request API's functions share.</summary>
    public static IServiceCollection AddRequestApi(this IServiceCollection services)
    {
        services.TryAddSingleton<RequestViews>();
        services.TryAddSingleton<RequestReader>();
        services.TryAddSingleton<RequestDispatcher>();
        services.TryAddSingleton<AccessDenials>();
        services.TryAddSingleton<ProtectedPackages>();
        services.TryAddSingleton<SubmitRequestHandler>();
        services.TryAddSingleton<DecideRequestHandler>();
        services.TryAddSingleton<IdentityDecisionHandler>();
        services.TryAddSingleton<Orchestration.RestrictionLiftLetters>();
        services.TryAddSingleton<ReviewHandler>();

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
