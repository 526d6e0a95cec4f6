using PrivacySync.Connectors.Hr.Erasure;
using PrivacySync.Connectors.Hr.Mapping;

namespace PrivacySync.Connectors.Hr;

/// <summary>The retention of a table in words, for the export and discovery ("kept 5 years after …").</summary>
internal static class HrRetentionText
{
    public static string For(HrTableNode node, HrMapping mapping)
    {
        var rule = node.Mapping.Erasure;
        return rule.Action switch
        {
            HrErasureAction.Retain => RetentionPeriod.For(rule, mapping.Jurisdiction, mapping.FiscalYearEnd)
                .Describe(Label(node, rule.After!), rule.ByJurisdiction is null ? null : mapping.Jurisdiction),
            HrErasureAction.Delete when rule.KeepIf is { } keep =>
                $"deleted on request unless '{Label(node, keep.Column)}' is set; then {RetentionPeriod.For(keep).Describe(Label(node, keep.After), null)}",
            HrErasureAction.Anonymise => "anonymised on request",
            HrErasureAction.WithParent when node.Parent is not null => For(node.Parent, mapping),
            _ => "deleted on request",
        };
    }

    private static string Label(HrTableNode node, string column) =>
        node.Mapping.Columns.FirstOrDefault(c => c.Column.Equals(column, StringComparison.OrdinalIgnoreCase))?.Label ?? column;
}
