namespace PrivacySync.Core.Deadlines;

/// <summary>Statutory public holidays, computed (no per-year tables).</summary>
public static class PublicHolidays
{
    public static IReadOnlyList<PublicHoliday> For(int year, Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.NO => Norway(year),
        Jurisdiction.SE => Sweden(year),
        Jurisdiction.OtherEu => [],
        _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, null),
    };

    public static bool IsPublicHoliday(DateOnly date, Jurisdiction jurisdiction) =>
        For(date.Year, jurisdiction).Any(h => h.Date == date);

    // Lov om helligdager og helligdagsfred § 1 and lov om 1. og 17. mai som høgtidsdager.
    private static List<PublicHoliday> Norway(int year)
    {
        var easter = Easter.Sunday(year);
        return
        [
            new(new DateOnly(year, 1, 1), "Første nyttårsdag"),
            new(easter.AddDays(-3), "Skjærtorsdag"),
            new(easter.AddDays(-2), "Langfredag"),
            new(easter, "Første påskedag"),
            new(easter.AddDays(1), "Andre påskedag"),
            new(new DateOnly(year, 5, 1), "Offentlig høytidsdag"),
            new(new DateOnly(year, 5, 17), "Grunnlovsdag"),
            new(easter.AddDays(39), "Kristi himmelfartsdag"),
            new(easter.AddDays(49), "Første pinsedag"),
            new(easter.AddDays(50), "Andre pinsedag"),
            new(new DateOnly(year, 12, 25), "Første juledag"),
            new(new DateOnly(year, 12, 26), "Andre juledag"),
        ];
    }

    // Lag (1989:253) om allmänna helgdagar.
    private static List<PublicHoliday> Sweden(int year)
    {
        var easter = Easter.Sunday(year);
        return
        [
            new(new DateOnly(year, 1, 1), "Nyårsdagen"),
            new(new DateOnly(year, 1, 6), "Trettondedag jul"),
            new(easter.AddDays(-2), "Långfredagen"),
            new(easter, "Påskdagen"),
            new(easter.AddDays(1), "Annandag påsk"),
            new(new DateOnly(year, 5, 1), "Första maj"),
            new(easter.AddDays(39), "Kristi himmelsfärdsdag"),
            new(new DateOnly(year, 6, 6), "Sveriges nationaldag"),
            new(easter.AddDays(49), "Pingstdagen"),
            new(SaturdayBetween(new DateOnly(year, 6, 20)), "Midsommardagen"),
            new(SaturdayBetween(new DateOnly(year, 10, 31)), "Alla helgons dag"),
            new(new DateOnly(year, 12, 25), "Juldagen"),
            new(new DateOnly(year, 12, 26), "Annandag jul"),
        ];
    }

    /// <summary>The Saturday in the seven days starting at <paramref name="first"/>.</summary>
    internal static DateOnly SaturdayBetween(DateOnly first) =>
        first.AddDays(((int)DayOfWeek.Saturday - (int)first.DayOfWeek + 7) % 7);
}
