using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace PrivacySync.Core.Requests;

/// <summary>
/// Request ids sort by creation time and cannot be guessed: "dsr-" + UTC yyyyMMddHHmmss + "-" + 16 characters of
/// lower-case Crockford base32 (80 random bits). They are safe in table keys, queue messages and blob paths.
/// </summary>
public sealed partial class RequestIds(TimeProvider time)
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public string Next()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        Span<char> suffix = stackalloc char[16];
        for (var i = 0; i < suffix.Length; i++)
        {
            // Each byte contributes 5 bits; 16 × 5 = 80 bits of entropy.
            suffix[i] = Alphabet[random[i] & 31];
        }

        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return $"dsr-{stamp}-{suffix}";
    }

    public static bool IsValid(string? requestId) => requestId is not null && Pattern().IsMatch(requestId);

    [GeneratedRegex("^dsr-[0-9]{14}-[0-9a-hjkmnp-tv-z]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
