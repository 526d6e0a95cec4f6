using NodaTime;

namespace PrivacySync.Core.Deadlines;

/// <summary>"Today" where the entity is, so a deadline is judged by the local calendar, not by UTC.</summary>
public static class JurisdictionCalendar
{
    public static DateTimeZone TimeZone(Jurisdiction jurisdiction) => DateTimeZoneProviders.Tzdb[jurisdiction switch
    {
        Jurisdiction.NO => "Europe/Oslo",
        Jurisdiction.SE => "Europe/Stockholm",

        // Central European Time covers most of the EU; a day's error at midnight is acceptable here.
        Jurisdiction.OtherEu => "Europe/Brussels",
        _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, null),
    }];

    public static DateOnly Today(TimeProvider time, Jurisdiction jurisdiction) =>
        Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(TimeZone(jurisdiction)).Date.ToDateOnly();
}
