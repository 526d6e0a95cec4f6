using System.Globalization;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Assembly;

/// <summary>What the subject should know about one system beyond its categories, in their language: from the connector's caveats and the system's configured backup period.</summary>
internal static class SubjectCaveats
{
    public static IReadOnlyList<string> For(SystemResult result, SubjectFacts facts)
    {
        var t = SubjectText.For(facts.Language);
        var name = facts.SystemName(result.SystemId, result.SystemName);
        var sentences = result.Caveats.Distinct().Select(c => c switch
        {
            Caveat.AddressBlocklisted => Fill(t.AddressBlocklisted, name),
            Caveat.MailboxHold => Fill(t.MailboxHold, name),
            _ => throw new ArgumentOutOfRangeException(nameof(result), c, "Unknown caveat."),
        }).ToList();
        var erasedSomething = result.Categories.Any(c => c.Kind is OutcomeKind.Erased or OutcomeKind.Anonymised or OutcomeKind.Pseudonymised);
        if (erasedSomething && facts.BackupRetentionDays(result.SystemId) is { } days)
        {
            sentences.Add(Fill(t.Backups, name, days.ToString(CultureInfo.InvariantCulture)));
        }

        return sentences;
    }

    private static string Fill(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);
}
