using System.Globalization;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Reconciliation.Reporting;

/// <summary>
/// What one night's reconciliation tells the privacy office: the findings (ids, states and sentences only — never a
/// subject's data), per-system health over the last 24 hours, and the open requests by days left to their deadline.
/// </summary>
public sealed record ReconciliationReport(
    DateOnly Date,
    DateTimeOffset GeneratedAt,
    int RequestsScanned,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<SystemHealth> Health,
    IReadOnlyList<DaysLeftBucket> OpenByDaysLeft)
{
    /// <summary>The blob folder of a night's files: <c>reports/yyyy-MM-dd/</c>.</summary>
    public static string Folder(DateOnly date) => "reports/" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/";

    public const string HtmlFile = "reconciliation.html";
    public const string CsvFile = "reconciliation.csv";
    public const string JsonFile = "reconciliation.json";

    public static IReadOnlyList<string> Files { get; } = [HtmlFile, CsvFile, JsonFile];

    public IReadOnlyDictionary<Urgency, int> CountsByUrgency =>
        Enum.GetValues<Urgency>().ToDictionary(u => u, u => Findings.Count(f => f.Urgency == u));

    public IReadOnlyDictionary<string, int> CountsByKind =>
        Findings.GroupBy(f => f.Kind.ToWire()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}

/// <summary>How many open requests have this many days left (Label: "overdue", "0–2", … "31+").</summary>
public sealed record DaysLeftBucket(string Label, int Count)
{
    private static readonly (string Label, int Max)[] Bounds = [("overdue", -1), ("0–2", 2), ("3–7", 7), ("8–14", 14), ("15–30", 30), ("31+", int.MaxValue)];

    /// <summary>Every bucket, empty ones too, from the days left of each open request.</summary>
    public static IReadOnlyList<DaysLeftBucket> From(IEnumerable<int> daysLeft)
    {
        var counts = new int[Bounds.Length];
        foreach (var days in daysLeft)
        {
            counts[Array.FindIndex(Bounds, b => days <= b.Max)]++;
        }

        return Bounds.Select((b, i) => new DaysLeftBucket(b.Label, counts[i])).ToList();
    }
}
