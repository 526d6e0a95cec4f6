using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Storage.Reconciliation;

namespace PrivacySync.Functions.Nightly;

public static class NightlyServiceCollectionExtensions
{
    /// <summary>The reconciler and its thresholds (<c>PrivacySync:Reconciliation:*</c>, validated at start).</summary>
    public static IServiceCollection AddNightlyReconciliation(this IServiceCollection services)
    {
        services.AddOptions<ReconciliationOptions>()
            .BindConfiguration(ReconciliationOptions.Section)
            // The attempt budget is the flow's own setting, not one of this section.
            .PostConfigure<IOptions<OrchestrationOptions>>((nightly, flow) => nightly.TaskAttemptBudget = flow.Value.TaskAttemptBudget)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ReconciliationOptions>>().Value);
        services.AddPrivacySyncReconciliation();
        return services;
    }
}
