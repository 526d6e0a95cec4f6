using PrivacySync.Core.Deadlines;

namespace PrivacySync.Tests.Core.Deadlines;

public sealed class PublicHolidaysTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Norway2026HasTwelveHolidaysOnTheStatutoryDates()
    {
        var dates = PublicHolidays.For(2026, Jurisdiction.NO).Select(h => h.Date).Order().ToList();

        Assert.Equal(
            [
                D("2026-01-01"), D("2026-04-02"), D("2026-04-03"), D("2026-04-05"), D("2026-04-06"), D("2026-05-01"),
                D("2026-05-14"), D("2026-05-17"), D("2026-05-24"), D("2026-05-25"), D("2026-12-25"), D("2026-12-26"),
            ],
            dates);
    }

    [Fact]
    public void Sweden2025HasThirteenHolidaysIncludingNationalDayMidsummerAndAllSaints()
    {
        var dates = PublicHolidays.For(2025, Jurisdiction.SE).Select(h => h.Date).Order().ToList();

        Assert.Equal(
            [
                D("2025-01-01"), D("2025-01-06"), D("2025-04-18"), D("2025-04-20"), D("2025-04-21"), D("2025-05-01"),
                D("2025-05-29"), D("2025-06-06"), D("2025-06-08"), D("2025-06-21"), D("2025-11-01"), D("2025-12-25"),
                D("2025-12-26"),
            ],
            dates);
    }

    [Theory]
    [InlineData(2024, "2024-06-22", "2024-11-02")]
    [InlineData(2025, "2025-06-21", "2025-11-01")]
    [InlineData(2026, "2026-06-20", "2026-10-31")]
    [InlineData(2027, "2027-06-26", "2027-11-06")]
    public void SwedishMidsummerAndAllSaintsFallOnTheSaturdayOfTheirWeek(int year, string midsummer, string allSaints)
    {
        var holidays = PublicHolidays.For(year, Jurisdiction.SE);

        Assert.Equal(D(midsummer), holidays.Single(h => h.Name == "Midsommardagen").Date);
        Assert.Equal(D(allSaints), holidays.Single(h => h.Name == "Alla helgons dag").Date);
    }

    [Theory]
    [InlineData("2026-04-02", true)] // Maundy Thursday
    [InlineData("2026-05-25", true)] // Whit Monday
    [InlineData("2026-12-24", false)] // Christmas Eve is not a Norwegian public holiday
    [InlineData("2026-06-06", false)]
    public void NorwegianHolidaysDifferFromSwedishOnes(string date, bool norwegian) =>
        Assert.Equal(norwegian, PublicHolidays.IsPublicHoliday(D(date), Jurisdiction.NO));

    [Theory]
    [InlineData("2026-04-02", false)] // Maundy Thursday is a weekday in Sweden
    [InlineData("2026-05-25", false)] // Whit Monday ceased to be a Swedish holiday in 2005
    [InlineData("2026-06-06", true)]
    [InlineData("2026-01-06", true)]
    public void SwedishHolidaysDifferFromNorwegianOnes(string date, bool swedish) =>
        Assert.Equal(swedish, PublicHolidays.IsPublicHoliday(D(date), Jurisdiction.SE));

    [Fact]
    public void OtherEuHasNoHolidaysOnlyWeekends()
    {
        Assert.Empty(PublicHolidays.For(2026, Jurisdiction.OtherEu));
        Assert.True(WorkingDays.IsWorkingDay(D("2026-12-25"), Jurisdiction.OtherEu));
        Assert.False(WorkingDays.IsWorkingDay(D("2026-12-26"), Jurisdiction.OtherEu)); // a Saturday
    }

    [Theory]
    [InlineData("2025-06-20")] // Midsummer Eve (Friday)
    [InlineData("2025-12-24")] // Christmas Eve (Wednesday)
    [InlineData("2029-12-31")] // New Year's Eve (Monday)
    public void SwedishEvesAreNotWorkingDaysForPeriodsThoughNotPublicHolidays(string date)
    {
        Assert.False(PublicHolidays.IsPublicHoliday(D(date), Jurisdiction.SE));
        Assert.False(WorkingDays.IsWorkingDay(D(date), Jurisdiction.SE));
        Assert.True(WorkingDays.IsWorkingDay(D(date), Jurisdiction.NO));
    }
}
