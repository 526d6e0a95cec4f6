using PrivacySync.Connectors.Hr.Mapping;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Hr.Erasure;

/// <summary>Turns per-table tallies into per-category outcomes the certificate can say to the subject.</summary>
internal static class HrOutcomeBuilder
{
    public const string OpenEndedReason =
        "kept while the relationship continues; the erasure date is computed and scheduled once its end date is recorded";

    public static SystemOutcome Build(ValidatedHrMapping mapping, IReadOnlyDictionary<HrTableNode, TableTally> tallies)
    {
        var outcomes = new Dictionary<(string, OutcomeKind, string?), Entry>();
        void Add(string category, OutcomeKind kind, string? basis, long count, string purpose, DateOnly? until, bool openEnded)
        {
            if (!outcomes.TryGetValue((category, kind, basis), out var entry))
                outcomes[(category, kind, basis)] = entry = new Entry(purpose);
            entry.Count += count;
            entry.Until = entry.Until is null || until > entry.Until ? until ?? entry.Until : entry.Until;
            entry.OpenEnded |= openEnded;
        }

        foreach (var node in mapping.AllTables)
        {
            if (!tallies.TryGetValue(node, out var tally)) continue;
            foreach (var group in node.Groups)
            {
                var category = group.Key.Category;
                if (tally.Deleted > 0) Add(category, OutcomeKind.Erased, null, tally.Deleted, group.Key.Purpose, null, false);
                if (tally.Kept == 0) continue;
                // A keyed pseudonym can be re-linked by whoever holds the key: that is pseudonymisation, never anonymisation.
                var kind = group.Columns.All(c => c.Erasure == HrColumnErasure.Null) ? OutcomeKind.Erased
                    : group.Columns.Any(c => c.Erasure == HrColumnErasure.Pseudonymise) && (tally.Anonymised || group.Columns.All(c => c.Erasure != HrColumnErasure.Keep)) ? OutcomeKind.Pseudonymised
                    : tally.Anonymised || group.Columns.All(c => c.Erasure != HrColumnErasure.Keep) ? OutcomeKind.Anonymised
                    : OutcomeKind.Retained;
                if (kind == OutcomeKind.Retained)
                    Add(category, kind, tally.LegalBasis, tally.Kept, group.Key.Purpose, tally.Until, tally.OpenEnded);
                else
                    Add(category, kind, null, tally.Kept, group.Key.Purpose, null, false);
            }
        }

        var list = outcomes.Select(o => o.Value.ToOutcome(o.Key.Item1, o.Key.Item2, o.Key.Item3)).ToList();
        list.AddRange(mapping.AllCategories.Where(c => list.All(o => o.Category != c)).Select(CategoryOutcome.NotFound));
        return new SystemOutcome(list);
    }

    public static SystemOutcome NotFound(ValidatedHrMapping mapping, string note) =>
        new(mapping.AllCategories.Select(CategoryOutcome.NotFound).ToList(), note);

    public static SystemOutcome Failed(ValidatedHrMapping mapping, string reason) =>
        new(mapping.AllCategories.Select(c => CategoryOutcome.Failed(c, reason)).ToList(), reason);

    private sealed class Entry(string purpose)
    {
        public long Count { get; set; }

        public DateOnly? Until { get; set; }

        public bool OpenEnded { get; set; }

        public CategoryOutcome ToOutcome(string category, OutcomeKind kind, string? basis) => kind == OutcomeKind.Retained
            ? CategoryOutcome.Retained(category, Count, basis!, OpenEnded ? null : Until, purpose) with { Reason = OpenEnded ? OpenEndedReason : null }
            : new CategoryOutcome(category, kind, Count, purpose);
    }
}
