using System.Globalization;
using PrivacySync.Core.Deadlines;

namespace PrivacySync.Tests.Core.Deadlines;

/// <summary>Every expected date below was worked out by hand against a calendar (weekdays checked in the shell).</summary>
public sealed class DeadlineCalculatorDueOnTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-10", "2026-04-10")] // Tue → Fri, nothing in the way
    [InlineData("2026-01-01", "2026-02-02")] // 1 Feb 2026 is a Sunday
    [InlineData("2025-02-15", "2025-03-17")] // lands on Saturday 15 March → Monday
    [InlineData("2025-01-31", "2025-02-28")] // 31 Feb does not exist → last day of February (a Friday)
    [InlineData("2028-01-31", "2028-02-29")] // leap year: 29 Feb 2028 is a Tuesday
    [InlineData("2027-01-31", "2027-03-01")] // 28 Feb 2027 is a Sunday → Monday 1 March
    [InlineData("2025-03-17", "2025-04-22")] // Maundy Thursday 17 Apr → Good Friday, Easter → Tuesday 22 Apr
    [InlineData("2026-03-02", "2026-04-07")] // Maundy Thursday 2 Apr 2026 → Tuesday after Easter Monday
    [InlineData("2027-02-25", "2027-03-30")] // Maundy Thursday 25 Mar 2027 → Tuesday 30 Mar
    [InlineData("2027-02-28", "2027-03-30")] // Easter Sunday 28 Mar 2027 → after Easter Monday
    [InlineData("2025-04-01", "2025-05-02")] // 1 May (Thursday)
    [InlineData("2026-04-14", "2026-05-15")] // Ascension Day 14 May 2026
    [InlineData("2027-04-17", "2027-05-18")] // 17 May 2027 is a Monday (and Whit Monday)
    [InlineData("2025-05-09", "2025-06-10")] // Whit Monday 9 June 2025
    [InlineData("2026-04-25", "2026-05-26")] // Whit Monday 25 May 2026
    [InlineData("2025-05-06", "2025-06-06")] // 6 June is an ordinary Friday in Norway
    [InlineData("2025-05-20", "2025-06-20")] // Midsummer Eve is an ordinary Friday in Norway
    [InlineData("2025-11-24", "2025-12-24")] // Christmas Eve is a working day in Norway
    [InlineData("2025-11-25", "2025-12-29")] // 25, 26 Dec, then the weekend
    [InlineData("2025-12-01", "2026-01-02")] // New Year's Day 2026 (Thursday)
    [InlineData("2029-11-30", "2029-12-31")] // Sunday 30 Dec → Monday, New Year's Eve
    public void NorwegianDeadlineIsOneMonthRolledToTheNextWorkingDay(string received, string due) =>
        Assert.Equal(D(due), DeadlineCalculator.DueOn(D(received), Jurisdiction.NO, extended: false));

    [Theory]
    [InlineData("2026-03-10", "2026-04-10")]
    [InlineData("2025-01-31", "2025-02-28")]
    [InlineData("2028-01-31", "2028-02-29")]
    [InlineData("2027-01-31", "2027-03-01")]
    [InlineData("2025-03-17", "2025-04-17")] // Maundy Thursday is a working day in Sweden
    [InlineData("2025-03-18", "2025-04-22")] // Good Friday 18 Apr 2025 → Tuesday after Easter Monday
    [InlineData("2026-03-02", "2026-04-02")]
    [InlineData("2026-03-03", "2026-04-07")] // Good Friday 3 Apr 2026
    [InlineData("2027-02-28", "2027-03-30")]
    [InlineData("2026-04-14", "2026-05-15")] // Ascension Day
    [InlineData("2027-04-17", "2027-05-17")] // 17 May and Whit Monday are working days in Sweden
    [InlineData("2025-05-09", "2025-06-09")]
    [InlineData("2025-05-06", "2025-06-09")] // National Day (Fri 6 Jun), weekend with Whit Sunday
    [InlineData("2025-05-20", "2025-06-23")] // Midsummer Eve (Fri 20 Jun), Midsummer Day, Sunday
    [InlineData("2026-05-19", "2026-06-22")] // Midsummer Eve 19 Jun 2026
    [InlineData("2025-11-24", "2025-12-29")] // Christmas Eve, Christmas, Boxing Day, weekend
    [InlineData("2025-12-01", "2026-01-02")]
    [InlineData("2029-11-30", "2030-01-02")] // Sunday, New Year's Eve, New Year's Day
    [InlineData("2025-12-06", "2026-01-07")] // Epiphany 6 Jan 2026 (Tuesday)
    public void SwedishDeadlineAlsoSkipsMidsummerChristmasAndNewYearsEve(string received, string due) =>
        Assert.Equal(D(due), DeadlineCalculator.DueOn(D(received), Jurisdiction.SE, extended: false));

    [Theory]
    [InlineData("2025-03-17", "2025-04-17")] // no holidays: Maundy Thursday counts
    [InlineData("2025-02-15", "2025-03-17")] // weekend still moves the deadline
    [InlineData("2025-11-25", "2025-12-25")]
    public void OtherEuDeadlineSkipsOnlyWeekends(string received, string due) =>
        Assert.Equal(D(due), DeadlineCalculator.DueOn(D(received), Jurisdiction.OtherEu, extended: false));

    [Theory]
    [InlineData("2025-10-15", Jurisdiction.NO, "2026-01-15")] // across the year end
    [InlineData("2025-10-06", Jurisdiction.NO, "2026-01-06")]
    [InlineData("2025-10-06", Jurisdiction.SE, "2026-01-07")] // Epiphany
    [InlineData("2025-09-30", Jurisdiction.SE, "2025-12-30")]
    [InlineData("2025-09-24", Jurisdiction.SE, "2025-12-29")] // Christmas Eve
    [InlineData("2025-09-24", Jurisdiction.NO, "2025-12-24")]
    [InlineData("2025-11-30", Jurisdiction.NO, "2026-03-02")] // 28 Feb 2026 is a Saturday
    [InlineData("2027-11-30", Jurisdiction.NO, "2028-02-29")] // leap day
    [InlineData("2024-12-20", Jurisdiction.NO, "2025-03-20")]
    [InlineData("2026-01-02", Jurisdiction.NO, "2026-04-07")] // Maundy Thursday 2 Apr → after Easter
    public void ExtendedDeadlineIsThreeMonthsAfterReceiptWithTheSameRules(string received, Jurisdiction jurisdiction, string due) =>
        Assert.Equal(D(due), DeadlineCalculator.DueOn(D(received), jurisdiction, extended: true));

    [Fact]
    public void DeadlineIsNeverBeforeTheSameDateNextMonthAndAlwaysAWorkingDay()
    {
        for (var received = D("2025-01-01"); received <= D("2027-12-31"); received = received.AddDays(1))
        {
            foreach (var jurisdiction in Enum.GetValues<Jurisdiction>())
            {
                var due = DeadlineCalculator.DueOn(received, jurisdiction, extended: false);
                Assert.True(due >= received.AddMonths(1), $"{received}: {due}");
                Assert.True(due <= received.AddMonths(1).AddDays(5), $"{received}: {due}");
                Assert.True(WorkingDays.IsWorkingDay(due, jurisdiction), $"{received}: {due}");
            }
        }
    }
}
