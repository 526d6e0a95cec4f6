using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PrivacySync.Connectors.Common;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Storage.Reconciliation;

namespace PrivacySync.Functions.Nightly;

public static class NightlyServiceCollectionExtensions
{
    /// <summary>
    /// The reconciler, its thresholds (<c>PrivacySync:Reconciliation:*</c>, validated at start) and its nightly duties
    /// (deferred erasures through the app's connectors, addenda signed with the certificate key).
    /// </summary>
    public static IServiceCollection AddNightlyReconciliation(this IServiceCollection services)
    {
        services.AddOptions<ReconciliationOptions>()
            .BindConfiguration(ReconciliationOptions.Section)
            // The attempt budget is the flow's own setting, not one of this section.
            .PostConfigure<IOptions<OrchestrationOptions>>((nightly, flow) => nightly.TaskAttemptBudget = flow.Value.TaskAttemptBudget)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ReconciliationOptions>>().Value);
        // The key is loaded when a duty first signs, so an instance that never reconciles never needs it.
        services.TryAddSingleton(sp => new NightlyParts(
            sp.GetRequiredService<ConnectorRegistry>(), new Lazy<CertificateSigner>(() => sp.GetRequiredService<SigningKey>().CreateSigner())));
        services.AddPrivacySyncReconciliation();
        return services;
    }
}
