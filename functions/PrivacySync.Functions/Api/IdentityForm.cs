using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Functions.Api;

/// <summary>
/// The identity part of a "resolve-identity" decision: the system whose task is in conflict, and either the record the
/// officer confirms as the subject's (<c>confirm</c>, as the task's conflict lists it) or the identifier to drop
/// (<c>drop</c>, e.g. "employee-id").
/// </summary>
internal sealed record IdentityForm(string System, string? Confirm, string? Drop)
{
    private const int MaxRecordLength = 200;

    public static IdentityForm? Read(BodyFields fields, Decision? decision)
    {
        var system = fields.Optional("system", 64);
        var confirm = fields.Optional("confirm", MaxRecordLength);
        var drop = fields.Optional("drop", 64);
        if (decision != Decision.ResolveIdentity)
        {
            foreach (var (name, value) in new[] { ("system", system), ("confirm", confirm), ("drop", drop) })
            {
                if (value is not null)
                {
                    fields.Add(name, "is only for the decision 'resolve-identity'");
                }
            }

            return null;
        }

        if (system is null && !fields.Errors.Any(e => e.Field == "system"))
        {
            fields.Add("system", "is required to resolve an identity conflict: which system's task?");
        }
        else if (system is not null && !PlainId.IsValid(system))
        {
            fields.Add("system", $"must be a system id ({PlainId.Rule})");
            system = null;
        }

        if (confirm is not null && drop is not null)
        {
            fields.Add("drop", "give either 'confirm' (the subject's record) or 'drop' (an identifier), not both");
        }
        else if (confirm is null && drop is null && !fields.Errors.Any(e => e.Field is "confirm" or "drop"))
        {
            fields.Add("confirm", "or 'drop' is required: confirm the record that is the subject's, or drop an identifier");
        }

        if (drop is not null && !SubjectIdentifiers.Droppable.Contains(drop, StringComparer.Ordinal))
        {
            fields.Add("drop", $"must be one of {string.Join(", ", SubjectIdentifiers.Droppable.Select(d => $"'{d}'"))}");
            drop = null;
        }

        if (confirm is not null && PersonalDataGuard.LooksLikeEmail(confirm))
        {
            fields.Add("confirm", "must be a record reference as the task's conflict lists it, not an email address");
            confirm = null;
        }

        return system is null || (confirm is null && drop is null) ? null : new IdentityForm(system, confirm, drop);
    }
}
