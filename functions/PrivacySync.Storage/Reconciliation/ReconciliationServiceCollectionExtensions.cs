using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation;

namespace PrivacySync.Storage.Reconciliation;

public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>The reconciler over the storage account (needs the stores and a registered <see cref="ReconciliationOptions"/>).</summary>
    public static IServiceCollection AddPrivacySyncReconciliation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TableReconciliationRunStore>();
        services.TryAddSingleton<IReconciliationRunStore>(sp => sp.GetRequiredService<TableReconciliationRunStore>());
        services.TryAddSingleton<IWorkQueueView, StorageWorkQueueView>();
        services.TryAddSingleton<IWorkResender>(sp => new StorageWorkResender(sp.GetRequiredService<StorageClients>(), sp.GetService<PrivacySyncOptions>()));
        services.TryAddSingleton<Reconciler>();
        return services;
    }

    /// <summary>
    /// A reconciler without a container (the command line): the stores over <paramref name="clients"/>; without the
    /// configuration document a task's queue is unknown, so lost or stalled tasks are reported but not re-sent.
    /// </summary>
    public static async Task<Reconciler> CreateReconcilerAsync(
        StorageClients clients, AuditChain chain, PrivacySyncOptions? configuration, ReconciliationOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var runs = new TableReconciliationRunStore(clients);
        await runs.EnsureCreatedAsync(cancellationToken);
        var audit = new Stores.TableAuditLog(clients, chain, time);
        await audit.EnsureCreatedAsync(cancellationToken);
        return new Reconciler(
            new Stores.TableRequestStore(clients), new Stores.TableTaskStore(clients), new StorageWorkQueueView(clients), runs,
            new StorageWorkResender(clients, configuration), audit, options, time);
    }
}
