using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrivacySync.Functions.Functions.DecideRequest;
using PrivacySync.Functions.Functions.SubmitRequest;
using PrivacySync.Storage.Stores;

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
        services.AddHostedService<StoreStartup>();

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

/// <summary>Creates the tables and containers at start (idempotent), so the first request does not meet a missing table.</summary>
internal sealed class StoreStartup(StoreInitializer stores) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => stores.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
