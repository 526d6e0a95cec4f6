using System.Globalization;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Reconciliation;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// What a night's reconciliation tells each entity's channel: a deadline card per request due within 7 days or past
/// due (each posted once per request and kind), and one summary card per entity. The nightly report can call
/// <see cref="TeamsNotifications.NightlySummaryAsync"/> with its own summary instead; <see cref="Summary"/> builds one
/// from the findings.
/// </summary>
public sealed class NightlyTeamsCards(PrivacySyncOptions configuration, TeamsNotifications teams, TeamsSettings settings)
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

        foreach (var entity in configuration.LegalEntities.Where(e => e.Teams is not null))
        {
            await teams.NightlySummaryAsync(Summary(result.Date, entity, result.Findings.Where(f => f.LegalEntityId == entity.Id).ToList()));
        }
    }

    public NightlySummaryCard Summary(DateOnly date, LegalEntityOptions entity, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(findings);
        int Count(params FindingKind[] kinds) => findings.Count(f => kinds.Contains(f.Kind));
        var counts = new List<CountLine>
        {
            new("Overdue", Text(Count(FindingKind.Overdue))),
            new("Due within 7 days", Text(Count(FindingKind.DueSoon))),
            new("Waiting for verification or approval", Text(Count(FindingKind.WaitingOnVerification, FindingKind.WaitingOnApproval))),
            new("Waiting for an identity decision", Text(Count(FindingKind.WaitingOnIdentityDecision))),
            new("Stalled", Text(Count(FindingKind.TaskStalled))),
            new("Failed systems", Text(Count(FindingKind.SystemFailed))),
            new("Poison or lost messages", Text(Count(FindingKind.PoisonMessage, FindingKind.LostMessage))),
        };
        var urgent = findings.Where(f => f.Urgency != Urgency.Normal).Take(10)
            .Select(f => new AttentionLine(f.RequestId, f.SystemId is null ? f.Problem : $"{f.SystemId}: {f.Problem}"))
            .ToList();
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var headline = findings.Count == 0
            ? "nothing late, stuck or failed"
            : string.Join(", ", findings.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToWire()}"));
        return new NightlySummaryCard(day, entity.Id!, entity.Name ?? entity.Id!, headline, counts, urgent, $"{settings.StatusBaseUrl}/api/reports/{day}");
    }

    private static string Text(int count) => count.ToString(CultureInfo.InvariantCulture);
}
