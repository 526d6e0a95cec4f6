using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Tasks;

/// <summary>One officer's answer to an identity conflict: confirm one record as the subject's, or drop one identifier.</summary>
public sealed record IdentityDecision(string Officer, DateTimeOffset DecidedAt, string? ConfirmedRecord = null, string? DroppedIdentifier = null)
{
    public static IdentityDecision Confirm(string officer, string record, DateTimeOffset at) => new(officer, at, ConfirmedRecord: record);

    public static IdentityDecision Drop(string officer, string identifier, DateTimeOffset at) => new(officer, at, DroppedIdentifier: identifier);

    /// <summary>The decision's event on the request's trail: who decided, for which system, what (record or identifier name).</summary>
    public AuditEntry ToAuditEntry(string requestId, string systemId)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["system"] = systemId };
        if (ConfirmedRecord is { } confirmed)
        {
            details["confirm"] = confirmed;
        }
        else
        {
            details["drop"] = DroppedIdentifier!;
        }

        return new AuditEntry(requestId, Officer, AuditActions.IdentityResolved, systemId, SystemTaskStatus.Pending.ToWire(), details);
    }
}

/// <summary>Every identity decision taken for one system's task, in order; records and identifier names only.</summary>
public sealed record IdentityDecisions(IReadOnlyList<IdentityDecision> Decisions)
{
    public static IdentityDecisions None { get; } = new([]);

    [Newtonsoft.Json.JsonIgnore]
    public IReadOnlyList<string> Confirmed =>
        Decisions.Select(d => d.ConfirmedRecord).OfType<string>().TakeLast(1).ToList(); // a later confirmation replaces an earlier one

    [Newtonsoft.Json.JsonIgnore]
    public IReadOnlyList<string> Dropped => Decisions.Select(d => d.DroppedIdentifier).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    public IdentityDecisions With(IdentityDecision decision) => new([.. Decisions, decision]);
}
