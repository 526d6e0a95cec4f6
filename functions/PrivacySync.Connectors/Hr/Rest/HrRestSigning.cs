using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrivacySync.Connectors.Hr.Rest;

/// <summary>
/// The contract's request signature (infra/hr-rest/openapi.yaml): <c>v2=</c> + hex(HMAC-SHA256(key, canonical)), where
/// canonical is the lines <c>privacysync-hr-v2</c>, method, path, query, idempotency key, timestamp, nonce and the
/// hex SHA-256 of the body. Method, path, query and key are covered, so a signed request cannot be pointed at another
/// operation or another task; the nonce lets the server refuse a replay inside the timestamp window.
/// </summary>
public static class HrRestSigning
{
    public const string TimestampHeader = "X-PrivacySync-Timestamp";
    public const string NonceHeader = "X-PrivacySync-Nonce";
    public const string SignatureHeader = "X-PrivacySync-Signature";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    private const string Version = "privacysync-hr-v2";

    public static string Timestamp(DateTimeOffset now) => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>128 random bits, hex: never repeats in practice, so the server can keep the ones it has seen.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <param name="query">The query string without its leading '?', empty when none.</param>
    public static string Sign(byte[] key, string method, string path, string query, string? idempotencyKey, string timestamp, string nonce, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var canonical = string.Join(
            '\n',
            Version,
            method.ToUpperInvariant(),
            path,
            query,
            idempotencyKey ?? "",
            timestamp,
            nonce,
            Convert.ToHexStringLower(SHA256.HashData(body)));
        return "v2=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical)));
    }
}
