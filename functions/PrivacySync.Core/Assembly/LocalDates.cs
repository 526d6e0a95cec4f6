namespace PrivacySync.Core.Assembly;

/// <summary>
/// Dates as the subject reads them, one format per language ("1. desember 2026", "1 december 2026", "1 December 2026").
/// Month names are this file's own: the app runs with invariant globalization, so no culture data is at hand.
/// </summary>
public static class LocalDates
{
    private static readonly string[] English = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Norwegian = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"];
    private static readonly string[] Swedish = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

    public static string Format(DateOnly date, string language) => Languages.Normalise(language) switch
    {
        Languages.Norwegian => $"{date.Day}. {Norwegian[date.Month - 1]} {date.Year}",
        Languages.Swedish => $"{date.Day} {Swedish[date.Month - 1]} {date.Year}",
        _ => $"{date.Day} {English[date.Month - 1]} {date.Year}",
    };

    public static string Format(DateTimeOffset time, string language) => Format(DateOnly.FromDateTime(time.UtcDateTime), language);
}
