using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Notifications;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation.Retention;
using PrivacySync.Storage.Reconciliation;

namespace PrivacySync.Storage.Stores;

public static class StoresServiceCollectionExtensions
{
    /// <summary>Registers the table/blob stores behind the Core ports (needs a registered <see cref="StorageClients"/>).</summary>
    public static IServiceCollection AddPrivacySyncStores(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TableRequestStore>();
        services.AddSingleton<TableTaskStore>();
        services.AddSingleton<TableAuditLog>();
        services.AddSingleton<BlobSubjectStore>();
        services.AddSingleton<BlobResultStore>();
        services.AddSingleton<BlobOutputStore>();
        services.TryAddSingleton<BlobReviewStore>();
        services.TryAddSingleton<PrivacySync.Core.Review.IReviewStore>(sp => sp.GetRequiredService<BlobReviewStore>());
        services.TryAddSingleton<PrivacySync.Core.Review.MailReview>();
        services.AddSingleton<TableQuotaShares>();
        services.AddSingleton<TableRestrictionRegister>();
        services.AddSingleton<IRestrictionRegister>(sp => sp.GetRequiredService<TableRestrictionRegister>());
        services.AddSingleton<TablePostMarks>();
        services.AddSingleton<IPostMarks>(sp => sp.GetRequiredService<TablePostMarks>());
        services.AddSingleton<IRequestStore>(sp => sp.GetRequiredService<TableRequestStore>());
        services.AddSingleton<ITaskStore>(sp => sp.GetRequiredService<TableTaskStore>());
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<TableAuditLog>());
        services.AddSingleton<ISubjectStore>(sp => sp.GetRequiredService<BlobSubjectStore>());
        services.AddSingleton<IResultStore>(sp => sp.GetRequiredService<BlobResultStore>());
        services.AddSingleton<IOutputStore>(sp => sp.GetRequiredService<BlobOutputStore>());
        services.TryAddSingleton<TableDeferredErasureStore>();
        services.TryAddSingleton<IDeferredErasureStore>(sp => sp.GetRequiredService<TableDeferredErasureStore>());
        services.TryAddSingleton<BlobReportStore>();
        services.TryAddSingleton<TableReconciliationRunStore>();
        services.AddSingleton<IQuotaShares>(sp => sp.GetRequiredService<TableQuotaShares>());
        services.AddSingleton<StoreInitializer>();
        return services;
    }
}

/// <summary>Creates the tables and containers the stores use (idempotent; run once at start).</summary>
public sealed class StoreInitializer(
    TableRequestStore requests, TableTaskStore tasks, TableAuditLog audit, BlobSubjectStore subjects, BlobResultStore results, BlobOutputStore outputs,
    TableDeferredErasureStore deferredErasures, BlobReportStore reports, TableQuotaShares quotaShares, TableReconciliationRunStore nights,
    TableRestrictionRegister restrictions, TablePostMarks postMarks)
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await requests.EnsureCreatedAsync(cancellationToken);
        await tasks.EnsureCreatedAsync(cancellationToken);
        await audit.EnsureCreatedAsync(cancellationToken);
        await subjects.EnsureCreatedAsync(cancellationToken);
        await results.EnsureCreatedAsync(cancellationToken);
        await outputs.EnsureCreatedAsync(cancellationToken);
        await deferredErasures.EnsureCreatedAsync(cancellationToken);
        await reports.EnsureCreatedAsync(cancellationToken);
        await quotaShares.EnsureCreatedAsync(cancellationToken);
        await restrictions.EnsureCreatedAsync(cancellationToken);
        // The night's run record: the first night on a fresh account must find its table.
        await nights.EnsureCreatedAsync(cancellationToken);
        await postMarks.EnsureCreatedAsync(cancellationToken);
    }
}
