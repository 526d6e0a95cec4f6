namespace PrivacySync.Core.Assembly;

/// <summary>The subject-facing languages: Norwegian Bokmål, Swedish, English.</summary>
public static class Languages
{
    public const string Norwegian = "nb";
    public const string Swedish = "sv";
    public const string English = "en";

    /// <summary>Maps a language tag to "nb", "sv" or "en": "no", "nn", "nb-NO" read as Norwegian, "sv-SE" as Swedish, the rest as English.</summary>
    public static string Normalise(string? language)
    {
        var primary = (language ?? string.Empty).Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary switch
        {
            "nb" or "no" or "nn" => Norwegian,
            "sv" => Swedish,
            _ => English,
        };
    }
}
