using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.SystemTasks;
using PrivacySync.Storage.Stores;

namespace PrivacySync.Functions.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>
    /// What the request functions share: settings (validated at start), the entities/systems document, stores,
    /// queues, the signing key and the connector registry.
    /// </summary>
    public static IServiceCollection AddPrivacySyncOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrchestrationOptions>()
            .BindConfiguration(OrchestrationOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.TaskLease > o.TaskTimeout, "PrivacySync:TaskLease must be longer than PrivacySync:TaskTimeout.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddPrivacySyncStores();
        services.TryAddSingleton(sp => PrivacySyncConfiguration.Load(PrivacySyncConfiguration.ResolvePath(sp.GetRequiredService<IOptions<OrchestrationOptions>>())));
        services.TryAddSingleton(sp => new RequestLifecycle(sp.GetRequiredService<PrivacySyncOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<WorkQueues>();
        services.TryAddSingleton<SigningKey>();
        services.TryAddSingleton<DownloadLinks>();
        services.TryAddSingleton<ConnectorRegistry>();
        services.TryAddSingleton<RetryPolicy>();
        services.TryAddScoped<SystemTaskRunner>();
        services.AddHostedService<OrchestrationStartupCheck>();
        return services;
    }

    /// <summary>Makes systems of <paramref name="kind"/> runnable (e.g. "hubspot"); the factory builds a connector without I/O.</summary>
    public static IServiceCollection AddConnectorKind(
        this IServiceCollection services, string kind, Func<IServiceProvider, SystemOptions, IConnector> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return services.AddConnectorKind(kind, (provider, system, _) => ValueTask.FromResult(create(provider, system)));
    }

    /// <summary>
    /// Makes systems of <paramref name="kind"/> runnable with a factory that may do I/O (open and validate a database)
    /// and may return a cached connector; the task runner never disposes it. Registering a kind again replaces it.
    /// </summary>
    public static IServiceCollection AddConnectorKind(
        this IServiceCollection services, string kind, Func<IServiceProvider, SystemOptions, CancellationToken, ValueTask<IConnector>> createAsync) =>
        services.AddSingleton(new ConnectorKindRegistration(kind, createAsync));
}
