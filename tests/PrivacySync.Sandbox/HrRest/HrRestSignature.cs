using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrivacySync.Sandbox.HrRest;

/// <summary>Checks the contract's request signature: sha256=hex(HMAC-SHA256(key, timestamp + "\n" + body)) within the replay window.</summary>
public static class HrRestSignature
{
    public const string TimestampHeader = "X-PrivacySync-Timestamp";
    public const string SignatureHeader = "X-PrivacySync-Signature";

    public static string? Verify(byte[] key, string? timestamp, string? signature, byte[] body, DateTimeOffset now, TimeSpan window)
    {
        if (timestamp is null || signature is null) return "invalid_signature";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return "invalid_signature";
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(timestamp + "\n").Concat(body).ToArray()));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))) return "invalid_signature";
        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age.Duration() > window ? "stale_timestamp" : null;
    }
}
