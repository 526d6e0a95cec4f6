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
    string? Reason = null,
    string? Label = null,
    string? RetentionRule = null,
    IReadOnlyList<string>? ConnectorCategories = null,
    string? Field = null);

/// <summary>What a signed document says about one system; a failed system carries its error and its own sentence.</summary>
/// <param name="Caveats">Sentences for the subject beyond the categories (a suppression list, mailbox holds, backups).</param>
/// <param name="Identity">In plain words, how an officer settled an identity conflict in this system; null when there was none.</param>
public sealed record StatedSystem(
    string SystemId,
    string SystemName,
    string Status,
    string? Error,
    string? Statement,
    IReadOnlyList<StatedCategory> Categories,
    IReadOnlyList<string>? Caveats = null,
    string? Identity = null);

/// <summary>Turns system results into stated outcomes and both into JSON; shared by every signed document kind.</summary>
internal static class StatedOutcomes
{
    public static IReadOnlyList<StatedSystem> From(IReadOnlyList<SystemResult> results, string language, SubjectFacts? facts = null, DateOnly? asOf = null) =>
        results.Select(r => facts is null ? FromConnector(r, language) : FromConfiguration(r, facts, asOf)).ToList();

    // Without the configuration (tests of the document format): what the connector said, as it said it.
    private static StatedSystem FromConnector(SystemResult r, string language) => new(
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
                c.Reason,
                Field: c.Field))
            .ToList(),
        Identity: r.Identity);

    /// <summary>
    /// Names, bases and grounds from the configuration: the connector's categories are merged into the configured
    /// category that covers them (counts summed, the latest end date kept), and retained data cites the configured
    /// rule's Art. 17(3) exemption and law rather than the Art. 6 basis it was collected under.
    /// </summary>
    private static StatedSystem FromConfiguration(SystemResult r, SubjectFacts facts, DateOnly? asOf)
    {
        var language = facts.Language;
        var name = facts.SystemName(r.SystemId, r.SystemName);
        var categories = r.Categories
            .Select(c => (Outcome: c, Facts: facts.Category(r.SystemId, c.Category, c.Purpose, c.LegalBasis)))
            .GroupBy(x => (x.Facts.Key, x.Outcome.Kind, x.Outcome.Field))
            .Select(g =>
            {
                var first = g.First();
                var merged = first.Outcome with
                {
                    Category = first.Facts.Key,
                    RecordCount = g.Sum(x => x.Outcome.RecordCount),
                    RetainedUntil = g.Any(x => x.Outcome.Kind == OutcomeKind.Retained && x.Outcome.RetainedUntil is null) ? null : g.Max(x => x.Outcome.RetainedUntil),
                    Instructions = Join(g.Select(x => x.Outcome.Instructions)),
                    Reason = Join(g.Select(x => x.Outcome.Reason)),
                };
                if (merged is { Kind: OutcomeKind.Retained, RetainedUntil: null } && asOf is { } today)
                {
                    // The connector left the date to the configuration (e.g. a CRM that keeps shared deals per country's law).
                    merged = merged with { RetainedUntil = facts.LatestRetentionEnd(first.Facts, today) };
                }

                var ground = merged.Kind == OutcomeKind.Retained ? Ground(first.Facts) ?? merged.LegalBasis : first.Facts.LegalBasis ?? merged.LegalBasis;
                return new StatedCategory(
                    merged.Category,
                    merged.Kind,
                    merged.RecordCount,
                    OutcomeStatements.Describe(merged, first.Facts.Label, name, ground, language, asOf, merged.Field is { } field ? facts.FieldLabel(r.SystemId, field) : null),
                    ground,
                    merged.RetainedUntil,
                    merged.Instructions,
                    merged.Reason,
                    first.Facts.Label,
                    merged.Kind == OutcomeKind.Retained ? first.Facts.Retention?.Rule : null,
                    g.Select(x => x.Outcome.Category).Distinct(StringComparer.Ordinal).ToList(),
                    merged.Field);
            })
            .ToList();
        return new StatedSystem(
            r.SystemId,
            name,
            r.IsFailed ? SystemResult.Failed : SystemResult.Succeeded,
            r.IsFailed ? r.Error : null,
            r.IsFailed ? OutcomeStatements.DescribeSystemFailure(name, language) : null,
            categories,
            r.IsFailed ? [] : SubjectCaveats.For(r, facts),
            r.Identity);
    }

    /// <summary>"Art. 17(3)(b) (…): Bokføringsloven § 13", from the configured rule; null when the configuration names none.</summary>
    public static string? Ground(CategoryFacts facts) => facts.Retention switch
    {
        { Exemption: { } exemption, LegalReference: { } law } => $"{exemption}: {law}",
        { Exemption: { } exemption } => exemption,
        _ => null,
    };

    private static string? Join(IEnumerable<string?> texts)
    {
        var distinct = texts.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? null : string.Join(" ", distinct);
    }

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
                ["field"] = c.Field,
                ["outcome"] = WireFormat.Outcome(c.Outcome),
                ["recordCount"] = c.RecordCount,
                ["statement"] = c.Statement,
                ["legalBasis"] = c.LegalBasis,
                ["retainedUntil"] = c.RetainedUntil is { } until ? WireFormat.Date(until) : null,
                ["instructions"] = c.Instructions,
                ["reason"] = c.Reason,
                ["label"] = c.Label,
                ["retentionRule"] = c.RetentionRule,
                ["connectorCategories"] = c.ConnectorCategories is { Count: > 0 } names ? new JArray(names) : null,
            }))),
            ["caveats"] = s.Caveats is { Count: > 0 } caveats ? new JArray(caveats) : null,
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
