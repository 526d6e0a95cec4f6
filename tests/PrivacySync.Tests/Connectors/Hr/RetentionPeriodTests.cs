using PrivacySync.Connectors.Hr.Erasure;
using PrivacySync.Connectors.Hr.Mapping;

namespace PrivacySync.Tests.Connectors.Hr;

public sealed class RetentionPeriodTests
{
    [Fact]
    public void BookkeepingRunsFromTheEndOfTheFiscalYear()
    {
        var rule = new HrErasureRule
        {
            Action = HrErasureAction.Retain,
            After = "pay_date",
            Anchor = HrRetentionAnchor.FiscalYearEnd,
            Years = 5,
            ByJurisdiction = new Dictionary<string, HrPeriod> { ["SE"] = new(7) },
        };

        Assert.Equal(new DateOnly(2030, 12, 31), RetentionPeriod.For(rule, "NO").ErasureDate(new DateOnly(2025, 1, 25)));
        Assert.Equal(new DateOnly(2032, 12, 31), RetentionPeriod.For(rule, "SE").ErasureDate(new DateOnly(2025, 1, 25)));
        Assert.Equal(new DateOnly(2031, 6, 30), RetentionPeriod.For(rule, "NO", "06-30").ErasureDate(new DateOnly(2025, 7, 1)));
    }

    [Fact]
    public void RowsAreDueExactlyOnTheirErasureDate()
    {
        var period = RetentionPeriod.For(new HrErasureRule { Action = HrErasureAction.Retain, After = "end_date", Months = 6 }, "NO");

        // 31 August + 6 months clamps to 28 February; on that day the row is due, the day before it is not.
        Assert.Equal(new DateOnly(2026, 2, 28), period.ErasureDate(new DateOnly(2025, 8, 31)));
        Assert.True(new DateOnly(2025, 8, 31) <= period.LatestDueDate(new DateOnly(2026, 2, 28)));
        Assert.True(new DateOnly(2025, 8, 28) > period.LatestDueDate(new DateOnly(2026, 2, 27)));
        foreach (var day in Enumerable.Range(0, 800).Select(i => new DateOnly(2024, 1, 1).AddDays(i)))
        {
            var today = new DateOnly(2026, 3, 1);
            Assert.Equal(period.ErasureDate(day) <= today, day <= period.LatestDueDate(today));
        }
    }

    [Fact]
    public void FiscalYearCutoffMatchesTheErasureDateForEveryDay()
    {
        var period = RetentionPeriod.For(
            new HrErasureRule { Action = HrErasureAction.Retain, After = "pay_date", Anchor = HrRetentionAnchor.FiscalYearEnd, Years = 5 }, "NO");
        foreach (var today in new[] { new DateOnly(2026, 6, 15), new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 1) })
            foreach (var day in Enumerable.Range(0, 1200).Select(i => new DateOnly(2018, 1, 1).AddDays(i)))
                Assert.Equal(period.ErasureDate(day) <= today, day <= period.LatestDueDate(today));
    }
}
