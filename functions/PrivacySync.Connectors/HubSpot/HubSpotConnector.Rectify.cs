using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.HubSpot;

public sealed partial class HubSpotConnector
{
    /// <summary>
    /// Overwrites each declared contact property (the correction's target) on every contact of the subject, one PATCH
    /// per field and contact, so a property HubSpot refuses only refuses that field; then reads the contacts back and
    /// reports a field rectified only where HubSpot now holds the new value.
    /// </summary>
    public async Task<SystemOutcome> RectifyAsync(SubjectIdentity subject, IReadOnlyList<TargetedCorrection> corrections, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corrections);
        var contacts = await FindContactsAsync(subject, cancellationToken);
        HubSpotLog.Matched(logger, "rectify", contacts.Count);
        if (contacts.Count == 0)
        {
            return new SystemOutcome(
                [.. corrections.Select(c => CategoryOutcome.NotFound(c.Category) with { Field = c.Field })],
                "No HubSpot contact has the subject's email addresses; nothing to correct.");
        }

        var outcomes = new List<CategoryOutcome>();
        foreach (var correction in corrections)
        {
            string? refusal = null;
            foreach (var contact in contacts)
            {
                (_, refusal) = await client.UpdateObjectAsync(HubSpotObjectTypes.Contacts, contact.Id, new JObject { [correction.Target] = correction.Value }, cancellationToken);
                if (refusal is not null) break;
            }

            if (refusal is not null)
            {
                outcomes.Add(CategoryOutcome.Refused(correction.Category, correction.Field, $"{refusal}; contact property '{correction.Target}' was not changed"));
                continue;
            }

            var confirmed = 0;
            foreach (var contact in contacts)
            {
                var read = await client.GetObjectAsync(HubSpotObjectTypes.Contacts, contact.Id, cancellationToken, properties: [correction.Target]);
                if (string.Equals(read?["properties"]?[correction.Target]?.ToString(), correction.Value, StringComparison.Ordinal)) confirmed++;
            }

            outcomes.Add(confirmed == contacts.Count
                ? CategoryOutcome.Rectified(correction.Category, correction.Field, confirmed)
                : CategoryOutcome.Failed(correction.Category, $"HubSpot accepted the update of '{correction.Target}' but {contacts.Count - confirmed} of {contacts.Count} contact(s) do not hold the new value; check them in HubSpot") with { Field = correction.Field });
        }

        return new SystemOutcome(outcomes, $"{outcomes.Count(o => o.Kind == OutcomeKind.Rectified)} of {corrections.Count} field(s) corrected on {contacts.Count} contact(s); HubSpot confirmed the values afterwards.");
    }
}
