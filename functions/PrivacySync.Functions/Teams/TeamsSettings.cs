using System.Globalization;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// The Teams notifications' app settings, all optional: <c>PrivacySync:Teams:StatusBaseUrl</c> (where the cards'
/// "Open status" buttons point; default https://&lt;WEBSITE_HOSTNAME&gt;), <c>PrivacySync:Teams:PostsPerSecond</c>
/// (per webhook across every instance, default 4), <c>PrivacySync:Teams:AttemptBudget</c> (posts per card before it is given up, default 6)
/// and <c>PrivacySync:Teams:RetryBaseDelay</c> (first back-off, doubling; default 5 s).
/// </summary>
public sealed class TeamsSettings
{
    public const string StatusBaseUrlSetting = "PrivacySync:Teams:StatusBaseUrl";
    public const string PostsPerSecondSetting = "PrivacySync:Teams:PostsPerSecond";
    public const string AttemptBudgetSetting = "PrivacySync:Teams:AttemptBudget";
    public const string RetryBaseDelaySetting = "PrivacySync:Teams:RetryBaseDelay";

    /// <summary>Set by App Service / Functions in Azure: the app's host name.</summary>
    private const string HostNameSetting = "WEBSITE_HOSTNAME";

    public TeamsSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var baseUrl = configuration[StatusBaseUrlSetting];
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            baseUrl = configuration[HostNameSetting] is { Length: > 0 } host ? $"https://{host}" : "http://localhost:7071";
        }

        StatusBaseUrl = baseUrl.TrimEnd('/');
        PostsPerSecond = Positive(configuration, PostsPerSecondSetting, 4);
        AttemptBudget = Positive(configuration, AttemptBudgetSetting, 6);
        RetryBaseDelay = TimeSpan.TryParse(configuration[RetryBaseDelaySetting], CultureInfo.InvariantCulture, out var delay) && delay > TimeSpan.Zero
            ? delay
            : TimeSpan.FromSeconds(5);
    }

    public string StatusBaseUrl { get; }

    public int PostsPerSecond { get; }

    public int AttemptBudget { get; }

    public TimeSpan RetryBaseDelay { get; }

    /// <summary>The request's status (GET /api/requests/{id}); officers open it signed in, it shows no subject data.</summary>
    public string StatusUrl(string requestId) => $"{StatusBaseUrl}/api/requests/{Uri.EscapeDataString(requestId)}";

    /// <summary>Back-off before post attempt <paramref name="attempt"/> + 1: doubling from the base, at most 15 minutes.</summary>
    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(15).Ticks, RetryBaseDelay.Ticks * (1L << Math.Clamp(attempt - 1, 0, 20))));

    private static int Positive(IConfiguration configuration, string setting, int fallback) =>
        int.TryParse(configuration[setting], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
