namespace PrivacySync.Core.Deadlines;

/// <summary>Which days a statutory period may end on.</summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly date, Jurisdiction jurisdiction) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !PublicHolidays.IsPublicHoliday(date, jurisdiction)
        && !IsSwedishEve(date, jurisdiction);

    public static DateOnly OnOrAfter(DateOnly date, Jurisdiction jurisdiction)
    {
        while (!IsWorkingDay(date, jurisdiction))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    // Not public holidays in Sweden, but lag (1930:173) om beräkning av lagstadgad tid, 2 §, moves a period that
    // ends on Midsummer Eve, Christmas Eve or New Year's Eve to the next weekday, exactly as for a holiday.
    // We apply the same rule to the GDPR deadline for Swedish entities so we never claim a day the subject's
    // own authorities would not count.
    private static bool IsSwedishEve(DateOnly date, Jurisdiction jurisdiction) =>
        jurisdiction == Jurisdiction.SE
        && ((date.Month == 12 && date.Day is 24 or 31)
            || date == PublicHolidays.SaturdayBetween(new DateOnly(date.Year, 6, 20)).AddDays(-1));
}
