using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Tasks;

/// <summary>One officer's answer to an identity conflict: confirm one record as the subject's, or drop one identifier.</summary>
public sealed record IdentityDecision(string Officer, DateTimeOffset DecidedAt, string? ConfirmedRecord = null, string? DroppedIdentifier = null)
{
    public static IdentityDecision Confirm(string officer, string record, DateTimeOffset at) => new(officer, at, ConfirmedRecord: record);

    public static IdentityDecision Drop(string officer, string identifier, DateTimeOffset at) => new(officer, at, DroppedIdentifier: identifier);
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
