using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrivacySync.Connectors.Hr.Rest;

/// <summary>The contract's request signature: "sha256=" + hex(HMAC-SHA256(key, timestamp + "\n" + body)).</summary>
public static class HrRestSigning
{
    public const string TimestampHeader = "X-PrivacySync-Timestamp";
    public const string SignatureHeader = "X-PrivacySync-Signature";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static string Timestamp(DateTimeOffset now) => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string Sign(byte[] key, string timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + "\n");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message, prefix.Length);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, message));
    }
}
