using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// GDPR Art. 19: a recipient the configuration names for a category a rectification or restriction changed, to be told
/// of it; one officer task each. Field names and category names only, never the corrected values.
/// </summary>
public sealed record RecipientNotice(string Recipient, string? Role, string? Country, IReadOnlyList<string> Systems, IReadOnlyList<string> Categories, IReadOnlyList<string> Fields)
{
    public const string ToNotify = "to-notify";

    /// <summary>Every configured recipient of the categories <paramref name="systems"/> changed by <paramref name="changed"/>, merged by name.</summary>
    public static IReadOnlyList<RecipientNotice> For(IReadOnlyList<StatedSystem> systems, SubjectFacts facts, params OutcomeKind[] changed)
    {
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentNullException.ThrowIfNull(facts);
        return systems
            .SelectMany(s => s.Categories
                .Where(c => changed.Contains(c.Outcome))
                .SelectMany(c => facts.Category(s.SystemId, c.Category).Recipients.Select(r => (Recipient: r, System: s.SystemId, c.Category, c.Field))))
            .GroupBy(x => x.Recipient.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RecipientNotice(
                g.Key,
                g.First().Recipient.Role,
                g.First().Recipient.Country,
                Distinct(g.Select(x => x.System)),
                Distinct(g.Select(x => x.Category)),
                Distinct(g.Select(x => x.Field))))
            .ToList();
    }

    /// <summary>What a data-changing request's confirmation states, and the recipients of the categories it changed by <paramref name="changed"/>.</summary>
    internal static (StatedDocument Statement, IReadOnlyList<RecipientNotice> Recipients) Stated(
        RequestSummary request, LegalEntityDetails legalEntity, IReadOnlyList<SystemResult> results, string subjectReference, SubjectFacts facts, AuditHead? auditHead, OutcomeKind changed)
    {
        var statement = StatedDocument.From(request, legalEntity, results, subjectReference, null, facts, auditHead);
        return (statement, For(statement.Systems, facts, changed));
    }

    public JObject ToJson() => StatedOutcomes.WithoutNulls(new JObject
    {
        ["recipient"] = Recipient,
        ["role"] = Role,
        ["country"] = Country,
        ["systems"] = new JArray(Systems),
        ["categories"] = new JArray(Categories),
        ["fields"] = Fields.Count > 0 ? new JArray(Fields) : null,
        ["status"] = ToNotify,
    });

    /// <summary>The officer's task list (recipient-tasks.json): one open task per recipient, to tick off once told.</summary>
    /// <param name="change">What happened to the data, as the task says it ("corrected", "restricted").</param>
    public static JObject Tasks(string requestId, IReadOnlyList<RecipientNotice> notices, string change = "corrected")
    {
        ArgumentNullException.ThrowIfNull(notices);
        return new JObject
        {
            ["requestId"] = requestId,
            ["article"] = "GDPR Art. 19",
            ["tasks"] = new JArray(notices.Select((n, i) =>
            {
                var task = n.ToJson();
                task.AddFirst(new JProperty("taskId", $"notify-{i + 1}"));
                task["status"] = "open";
                task["action"] = $"Tell {n.Recipient} that the subject's data in {string.Join(", ", n.Categories)} was {change}"
                    + (n.Fields.Count > 0 ? $" ({string.Join(", ", n.Fields)})" : "")
                    + ", unless this proves impossible or involves disproportionate effort; record the date you told them.";
                return task;
            })),
        };
    }

    private static IReadOnlyList<string> Distinct(IEnumerable<string?> values) =>
        values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
