using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Functions.Teams;

namespace PrivacySync.Functions.Nightly;

/// <summary>
/// Timer (NCRONTAB from <c>PrivacySync:Reconciliation:Schedule</c>, 02:00 by the template's default) → reconciles the
/// night that has begun, in the app's local time zone (see README.md here). A second run for the same night, or a
/// run while another holds it, changes nothing and logs so; a crashed run's night is taken over by the next.
/// </summary>
public sealed class NightlyReconciliationFunction(Reconciler reconciler, NightlyTeamsCards teams, TimeProvider time, ILogger<NightlyReconciliationFunction> logger)
{
    /// <summary>The app setting holding the schedule; the trigger names it as %…%, so the host resolves it at start.</summary>
    public const string ScheduleSetting = "PrivacySync:Reconciliation:Schedule";

    [Function(FunctionNames.NightlyReconciliation)]
    public async Task RunAsync([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var date = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var result = await reconciler.RunAsync(date, dryRun: false, ct);
        logger.Reconciled(result.Outcome.ToString(), result.RequestsScanned, result.Findings.Count, result.Summary());
        await teams.PostAsync(result);
    }
}

internal static partial class NightlyLog
{
    // The summary holds a date, counts and kinds only.
    [LoggerMessage(3101, LogLevel.Information, "Nightly reconciliation {Outcome}: {Scanned} open requests, {FindingCount} findings. {Summary}")]
    public static partial void Reconciled(this ILogger logger, string outcome, int scanned, int findingCount, string summary);
}
