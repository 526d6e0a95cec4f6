using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.HubSpot;

public sealed partial class HubSpotConnector : IDeferredEraser
{
    /// <summary>
    /// Archives the business records (companies, deals, tickets) an erasure retained, by the ids it recorded, then reads
    /// them back to confirm HubSpot no longer returns them. Records already archived count as erased.
    /// </summary>
    public async Task<SystemOutcome> EraseRetainedAsync(IReadOnlyList<RetainedRecords> due, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(due);
        var outcomes = new List<CategoryOutcome>();
        foreach (var retained in due)
        {
            var policy = settings.Policy(retained.Category);
            if (!HubSpotCategories.BusinessRecords.Contains(retained.Category) || retained.Keys.Count == 0)
            {
                outcomes.Add(new CategoryOutcome(retained.Category, OutcomeKind.Erased, 0, policy.Purpose, retained.LegalBasis,
                    Reason: "no HubSpot record of the subject was held back in this category"));
                continue;
            }

            foreach (var id in retained.Keys) await client.ArchiveAsync(retained.Category, id, cancellationToken);
            var remaining = await client.BatchReadAsync(retained.Category, [.. retained.Keys], ["hs_object_id"], cancellationToken);
            outcomes.Add(remaining.Count == 0
                ? new CategoryOutcome(retained.Category, OutcomeKind.Erased, retained.Keys.Count, policy.Purpose, retained.LegalBasis)
                : CategoryOutcome.Failed(retained.Category,
                    $"HubSpot still returns {remaining.Count} of the {retained.Keys.Count} retained {retained.Category} record(s) after archiving ({string.Join(", ", remaining.Take(10).Select(r => r["id"]))})"));
        }

        HubSpotLog.DeferredErased(logger, outcomes.Sum(o => o.RecordCount));
        return new SystemOutcome(outcomes, $"Retention ended on or before {asOf:yyyy-MM-dd}: the records held back at erasure were archived in HubSpot.");
    }
}
