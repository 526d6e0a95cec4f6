using PrivacySync.Connectors.Common;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Delivery;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.SystemTasks;
using PrivacySync.Storage.Stores;

namespace PrivacySync.Functions.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>
    /// What the request functions share: settings (validated at start), the entities/systems document, stores,
    /// queues, the signing key and the connector registry (the kinds themselves come with <c>AddPrivacySyncConnectors</c>).
    /// </summary>
    public static IServiceCollection AddPrivacySyncOrchestration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrchestrationOptions>()
            .BindConfiguration(OrchestrationOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.TaskLease > o.TaskTimeout, "PrivacySync:TaskLease must be longer than PrivacySync:TaskTimeout.")
            .Validate(
                o => o.LinkLifetime >= TimeSpan.FromMinutes(1) && o.LinkLifetime <= DownloadLinks.MaxLifetime,
                "PrivacySync:LinkLifetime must be from 00:01:00 to 24:00:00 (a download link's longest life).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Taken at start (OrchestrationStartupCheck), so a missing or short key stops the start naming the setting.
        services.TryAddSingleton(sp => new AuditChain(AuditKey.FromSetting(sp.GetRequiredService<IOptions<OrchestrationOptions>>().Value.AuditKey)));
        services.AddPrivacySyncStores();
        // Export packages are sealed at rest; the key is read on first use, so the on-premises host needs none.
        services.Replace(ServiceDescriptor.Singleton<IOutputStore>(sp => new SealedOutputStore(
            sp.GetRequiredService<BlobOutputStore>(),
            new Lazy<PackageKey>(() => PackageKey.FromSetting(sp.GetRequiredService<IOptions<OrchestrationOptions>>().Value.PackageKey)),
            OutputFiles.Sealed)));

        // Loaded on first use, checked against the installed connector kinds; the start-up checks take it lazily so a
        // problem stops the start as one message naming every setting.
        services.TryAddSingleton(sp => new Lazy<PrivacySyncOptions>(() => PrivacySyncConfiguration.Load(
            PrivacySyncConfiguration.ResolvePath(sp.GetRequiredService<IOptions<OrchestrationOptions>>()), [.. sp.GetServices<IConnectorKind>()])));
        services.TryAddSingleton(sp => sp.GetRequiredService<Lazy<PrivacySyncOptions>>().Value);
        services.TryAddSingleton<RequestLifecycle>();
        services.TryAddSingleton<WorkQueues>();
        services.TryAddSingleton<SigningKey>();
        services.TryAddSingleton(sp => new Lazy<SigningKey>(sp.GetRequiredService<SigningKey>));
        services.TryAddSingleton<DownloadLinks>();
        services.TryAddSingleton<ConnectorRegistry>();
        services.TryAddSingleton<RetryPolicy>();
        services.TryAddSingleton<FaultPoints>();
        services.TryAddScoped<SystemTaskRunner>();
        services.AddHostedService<OrchestrationStartupCheck>();
        return services;
    }
}
