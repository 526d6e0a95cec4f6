using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Certificates;

/// <summary>What a signed document says about one category in one system, with its subject-facing sentence.</summary>
public sealed record StatedCategory(
    string Category,
    OutcomeKind Outcome,
    long RecordCount,
    string Statement,
    string? LegalBasis = null,
    DateOnly? RetainedUntil = null,
    string? Instructions = null,
    string? Reason = null);

/// <summary>What a signed document says about one system; a failed system carries its error and its own sentence.</summary>
public sealed record StatedSystem(
    string SystemId,
    string SystemName,
    string Status,
    string? Error,
    string? Statement,
    IReadOnlyList<StatedCategory> Categories,
    string? Identity = null);

/// <summary>Turns system results into stated outcomes and both into JSON; shared by every signed document kind.</summary>
internal static class StatedOutcomes
{
    public static IReadOnlyList<StatedSystem> From(IReadOnlyList<SystemResult> results, string language) =>
        results.Select(r => new StatedSystem(
                r.SystemId,
                r.SystemName,
                r.IsFailed ? SystemResult.Failed : SystemResult.Succeeded,
                r.IsFailed ? r.Error : null,
                r.IsFailed ? OutcomeStatements.DescribeSystemFailure(r.SystemName, language) : null,
                r.Categories.Select(c => new StatedCategory(
                        c.Category,
                        c.Kind,
                        c.RecordCount,
                        OutcomeStatements.Describe(c, r.SystemName, language),
                        c.LegalBasis,
                        c.RetainedUntil,
                        c.Instructions,
                        c.Reason))
                    .ToList(),
                r.Identity))
            .ToList();

    public static JArray ToJson(IReadOnlyList<StatedSystem> systems) =>
        new(systems.Select(s => WithoutNulls(new JObject
        {
            ["systemId"] = s.SystemId,
            ["systemName"] = s.SystemName,
            ["status"] = s.Status,
            ["error"] = s.Error,
            ["statement"] = s.Statement,
            ["identity"] = s.Identity,
            ["categories"] = new JArray(s.Categories.Select(c => WithoutNulls(new JObject
            {
                ["category"] = c.Category,
                ["outcome"] = WireFormat.Outcome(c.Outcome),
                ["recordCount"] = c.RecordCount,
                ["statement"] = c.Statement,
                ["legalBasis"] = c.LegalBasis,
                ["retainedUntil"] = c.RetainedUntil is { } until ? WireFormat.Date(until) : null,
                ["instructions"] = c.Instructions,
                ["reason"] = c.Reason,
            }))),
        })));

    public static JObject ToJson(LegalEntityDetails entity) => new()
    {
        ["id"] = entity.Id,
        ["name"] = entity.Name,
        ["jurisdiction"] = entity.Jurisdiction,
        ["supervisoryAuthority"] = entity.SupervisoryAuthority,
        ["privacyContact"] = entity.PrivacyContact,
    };

    /// <summary>Absent rather than null: fewer ways to write the same document.</summary>
    public static JObject WithoutNulls(JObject obj)
    {
        foreach (var property in obj.Properties().Where(p => p.Value is JValue { Value: null }).ToList())
        {
            property.Remove();
        }

        return obj;
    }
}
