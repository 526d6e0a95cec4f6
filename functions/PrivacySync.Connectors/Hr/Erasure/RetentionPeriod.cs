using System.Globalization;
using PrivacySync.Connectors.Hr.Mapping;

namespace PrivacySync.Connectors.Hr.Erasure;

/// <summary>
/// A retention rule made concrete for one database: the period (by jurisdiction) and the anchor it runs from.
/// A row is due for erasure on <see cref="ErasureDate"/>; it is deleted by a run on or after that day.
/// </summary>
internal sealed record RetentionPeriod(int Years, int Months, bool FromFiscalYearEnd, int FiscalMonth, int FiscalDay)
{
    public int TotalMonths => Years * 12 + Months;

    public static RetentionPeriod For(HrErasureRule rule, string jurisdiction, string fiscalYearEnd = "12-31")
    {
        var period = rule.ByJurisdiction is { } map && map.TryGetValue(jurisdiction, out var p) ? p : new HrPeriod(rule.Years, rule.Months);
        var (month, day) = ParseFiscalYearEnd(fiscalYearEnd);
        return new RetentionPeriod(period.Years, period.Months, rule.Anchor == HrRetentionAnchor.FiscalYearEnd, month, day);
    }

    public static RetentionPeriod For(HrKeepIfRule rule) => new(rule.Years, rule.Months, false, 12, 31);

    /// <summary>The day a row anchored on <paramref name="date"/> may be erased.</summary>
    public DateOnly ErasureDate(DateOnly date) => Add(Anchor(date));

    /// <summary>
    /// The latest anchor date whose row is due on <paramref name="today"/>: rows with date ≤ this are erased now.
    /// Month arithmetic clamps at month ends, so the inverse is searched a few days around the naive answer.
    /// </summary>
    public DateOnly LatestDueDate(DateOnly today)
    {
        var cutoff = today.AddYears(-Years).AddMonths(-Months);
        while (Add(cutoff.AddDays(1)) <= today) cutoff = cutoff.AddDays(1);
        while (Add(cutoff) > today) cutoff = cutoff.AddDays(-1);
        if (!FromFiscalYearEnd) return cutoff;

        // fye(date) ≤ cutoff ⇔ date ≤ the last fiscal-year end on or before cutoff.
        var end = new DateOnly(cutoff.Year, FiscalMonth, FiscalDay);
        return end <= cutoff ? end : end.AddYears(-1);
    }

    public string Describe(string afterLabel, string? jurisdiction)
    {
        var parts = new List<string>();
        if (Years > 0) parts.Add(Years == 1 ? "1 year" : $"{Years} years");
        if (Months > 0) parts.Add(Months == 1 ? "1 month" : $"{Months} months");
        var span = string.Join(" and ", parts);
        var from = FromFiscalYearEnd ? $"the end of the fiscal year of '{afterLabel}'" : $"'{afterLabel}'";
        return jurisdiction is null ? $"kept {span} after {from}, then deleted" : $"kept {span} after {from} ({jurisdiction}), then deleted";
    }

    private DateOnly Anchor(DateOnly date)
    {
        if (!FromFiscalYearEnd) return date;
        var end = new DateOnly(date.Year, FiscalMonth, FiscalDay);
        return end >= date ? end : end.AddYears(1);
    }

    private DateOnly Add(DateOnly date) => date.AddYears(Years).AddMonths(Months);

    private static (int Month, int Day) ParseFiscalYearEnd(string value) =>
        DateOnly.TryParseExact("2001-" + value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? (d.Month, d.Day)
            : (12, 31);
}
