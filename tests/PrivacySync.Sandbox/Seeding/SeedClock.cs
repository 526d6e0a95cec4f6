using System.Globalization;

namespace PrivacySync.Sandbox.Seeding;

/// <summary>Dates of the seeded history, relative to today so the data always looks current.</summary>
internal sealed class SeedClock(DateTimeOffset now, Random random)
{
    public DateTimeOffset Now { get; } = now;

    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>A working-hours moment within the last <paramref name="days"/> days.</summary>
    public DateTimeOffset PastMoment(int days)
    {
        var day = Now.UtcDateTime.Date.AddDays(-random.Next(1, Math.Max(2, days)));
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(-1);
        return new DateTimeOffset(day.AddHours(7 + random.Next(0, 9)).AddMinutes(random.Next(0, 60)), TimeSpan.Zero);
    }

    public static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
