using System.Text.RegularExpressions;

namespace PrivacySync.Core.Common;

/// <summary>
/// A defence, not a filter: values bound for tables, audit events and messages are checked for the one kind of
/// personal data that leaks most easily into free text — email addresses.
/// </summary>
public static partial class PersonalDataGuard
{
    public const string RedactedEmail = "[redacted-email]";

    public static bool LooksLikeEmail(string? value) => value is not null && EmailLike().IsMatch(value);

    /// <summary>Replaces anything that looks like an email address, e.g. in a connector's error text.</summary>
    public static string Redact(string value) => EmailLike().Replace(value, RedactedEmail);

    [GeneratedRegex(@"[^\s@<>()\[\],;:""']+@[^\s@<>()\[\],;:""']+\.[^\s@<>()\[\],;:""']+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailLike();
}
