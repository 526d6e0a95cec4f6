using System.Globalization;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Core.Reconciliation.Reporting;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// What a night's reconciliation tells each entity's channel: a deadline card per request due within 7 days or past
/// due (each posted once per request and kind, by <see cref="PostAsync"/> after the run), and one summary card per
/// entity with a Teams channel, built by <see cref="Summary"/> when SendTeamsNotification posts the night's message
/// (storage's TeamsSummaryQueue, the nightly report's sink, sends one per entity). The summary holds ids, kinds and
/// counts only, and links the report.
/// </summary>
public sealed class NightlyTeamsCards(TeamsNotifications teams, TeamsSettings settings)
{
    public async Task PostAsync(ReconciliationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Outcome != ReconciliationOutcome.Reconciled)
        {
            return; // a repeated or dry run has told the channel already, or tells nobody
        }

        foreach (var finding in result.Findings.Where(f => f.Kind is FindingKind.Overdue or FindingKind.DueSoon))
        {
            await teams.DeadlineAsync(finding.RequestId, finding.Kind == FindingKind.Overdue);
        }
    }

    /// <summary>The night's summary card for the entity's channel (an entity without findings hears that nothing is wrong).</summary>
    public NightlySummaryCard Summary(NightlySummary summary, LegalEntityOptions entity)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(entity);
        var night = summary.For(entity.Id!);
        var counts = new List<CountLine>
        {
            new("overdue", night.Count(FindingKind.Overdue)),
            new("dueSoon", night.Count(FindingKind.DueSoon)),
            new("waiting", night.Count(FindingKind.WaitingOnVerification, FindingKind.WaitingOnApproval)),
            new("identityDecision", night.Count(FindingKind.WaitingOnIdentityDecision)),
            new("stalled", night.Count(FindingKind.TaskStalled)),
            new("failedSystems", night.Count(FindingKind.SystemFailed)),
            new("messages", night.Count(FindingKind.PoisonMessage, FindingKind.LostMessage)),
            new("deferredErasures", night.Count(FindingKind.DeferredErasure)),
            new("foundAgain", night.Count(FindingKind.FoundAfterErasure)),
            new("repaired", night.Repairs),
        };
        var urgent = night.Attention.Take(10).Select(f => new AttentionLine(f.RequestId, f.Kind.ToWire(), f.SystemId)).ToList();
        var day = summary.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var kinds = night.CountsByKind.ToDictionary(k => k.Key.ToWire(), k => k.Value, StringComparer.Ordinal);
        // In the entity's language: the summary is the office's, not one request's.
        return new NightlySummaryCard(day, entity.Id!, entity.Name ?? entity.Id!, kinds, counts, urgent, settings.StatusBaseUrl + summary.ApiPath)
        {
            Language = entity.DefaultLanguage.ToWire(),
        };
    }
}
