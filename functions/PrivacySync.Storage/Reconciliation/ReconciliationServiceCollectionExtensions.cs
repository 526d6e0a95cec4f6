using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Core.Reconciliation.Reporting;
using PrivacySync.Core.Reconciliation.Retention;

namespace PrivacySync.Storage.Reconciliation;

public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>
    /// The reconciler over the storage account (needs the stores and a registered <see cref="ReconciliationOptions"/>),
    /// with its nightly duties when the app registers what they need (<see cref="NightlyParts"/>).
    /// </summary>
    public static IServiceCollection AddPrivacySyncReconciliation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TableReconciliationRunStore>();
        services.TryAddSingleton<IReconciliationRunStore>(sp => sp.GetRequiredService<TableReconciliationRunStore>());
        services.TryAddSingleton<IWorkQueueView, StorageWorkQueueView>();
        services.TryAddSingleton<IWorkResender>(sp => new StorageWorkResender(sp.GetRequiredService<StorageClients>(), sp.GetService<PrivacySyncOptions>()));
        services.TryAddSingleton(sp => new AddendumIssuer(
            sp.GetRequiredService<IOutputStore>(), sp.GetRequiredService<IRequestStore>(), sp.GetRequiredService<NightlyParts>().Signer,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INightlyDuty, DeferredErasures>(sp => new DeferredErasures(
            sp.GetRequiredService<IDeferredErasureStore>(), sp.GetRequiredService<NightlyParts>().Connectors, sp.GetRequiredService<PrivacySyncOptions>(),
            sp.GetRequiredService<AddendumIssuer>(), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<ReconciliationOptions>(),
            sp.GetRequiredService<TimeProvider>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFinishedRequestDuty, RequestMinimisation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFinishedRequestDuty, Reverification>(sp => new Reverification(
            sp.GetRequiredService<ITaskStore>(), sp.GetRequiredService<ISubjectStore>(), sp.GetRequiredService<NightlyParts>().Connectors,
            sp.GetRequiredService<PrivacySyncOptions>(), sp.GetRequiredService<AddendumIssuer>(), sp.GetRequiredService<IAuditLog>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFinishedRequestDuty, RestrictionReview>(sp => new RestrictionReview(
            sp.GetRequiredService<IRequestStore>(), sp.GetRequiredService<ITaskStore>(), sp.GetRequiredService<ISubjectStore>(), sp.GetRequiredService<NightlyParts>().Connectors,
            sp.GetRequiredService<PrivacySyncOptions>(), sp.GetRequiredService<IAuditLog>())));
        services.TryAddSingleton<BlobReportStore>();
        services.TryAddSingleton<IReportStore>(sp => sp.GetRequiredService<BlobReportStore>());
        services.TryAddSingleton<ITaskActivity>(sp => sp.GetRequiredService<Stores.TableTaskStore>());
        services.TryAddSingleton<ReportPublisher>();
        services.TryAddSingleton<Reconciler>();
        return services;
    }

    /// <summary>
    /// A reconciler without a container (the command line): the stores over <paramref name="clients"/>; without the
    /// configuration document a task's queue is unknown, so lost or stalled tasks are reported but not re-sent; without
    /// <paramref name="parts"/> (connectors and the signing key) the deferred erasures and re-verification are left out;
    /// minimisation needs the configuration (RequestDataRetentionDays). The report is written in either case; with the
    /// configuration its summary goes to each entity's Teams channel as the timer's does (a message the app posts once).
    /// </summary>
    public static async Task<Reconciler> CreateReconcilerAsync(
        StorageClients clients, AuditChain chain, PrivacySyncOptions? configuration, ReconciliationOptions options, TimeProvider time,
        CancellationToken cancellationToken, NightlyParts? parts = null)
    {
        var runs = new TableReconciliationRunStore(clients);
        await runs.EnsureCreatedAsync(cancellationToken);
        var audit = new Stores.TableAuditLog(clients, chain, time);
        await audit.EnsureCreatedAsync(cancellationToken);
        var requests = new Stores.TableRequestStore(clients);
        var tasks = new Stores.TableTaskStore(clients);
        await tasks.EnsureCreatedAsync(cancellationToken); // the health report queries it even before the first request
        var outputs = new Stores.BlobOutputStore(clients);
        var subjects = new Stores.BlobSubjectStore(clients);
        var duties = new List<INightlyDuty>();
        var finished = new List<IFinishedRequestDuty>();
        if (configuration is not null)
        {
            finished.Add(new RequestMinimisation(requests, subjects, new Stores.BlobResultStore(clients), outputs, audit, configuration));
        }

        if (parts is not null && configuration is not null)
        {
            var deferred = new TableDeferredErasureStore(clients);
            await deferred.EnsureCreatedAsync(cancellationToken);
            var addenda = new AddendumIssuer(outputs, requests, parts.Signer, time);
            duties.Add(new DeferredErasures(deferred, parts.Connectors, configuration, addenda, audit, options, time));
            finished.Add(new Reverification(tasks, subjects, parts.Connectors, configuration, addenda, audit));
            finished.Add(new RestrictionReview(requests, tasks, subjects, parts.Connectors, configuration, audit));
        }

        var reports = new BlobReportStore(clients);
        await reports.EnsureCreatedAsync(cancellationToken);
        return new Reconciler(
            requests, tasks, new StorageWorkQueueView(clients), runs, new StorageWorkResender(clients, configuration), audit, options, time,
            duties, finished, new ReportPublisher(reports, tasks, configuration is null ? [] : new INightlySummarySink[] { new TeamsSummaryQueue(clients, configuration) }, options),
            new Core.Review.MailReview(new Stores.BlobResultStore(clients), new Stores.BlobReviewStore(clients)));
    }
}

/// <summary>What the nightly duties need beyond storage: the systems' connectors and the key that signs certificates (and their addenda).</summary>
public sealed record NightlyParts(IConnectorSource Connectors, Lazy<CertificateSigner> Signer);
