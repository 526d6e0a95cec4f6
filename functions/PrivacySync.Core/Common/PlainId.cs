using System.Text.RegularExpressions;

namespace PrivacySync.Core.Common;

/// <summary>
/// Identifiers that end up in table keys, queue messages, blob paths and audit events: lower-case letters,
/// digits, '.', '_' and '-', starting with a letter or digit, never an email address.
/// </summary>
public static partial class PlainId
{
    public const string Rule = "lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
