using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrivacySync.Sandbox.HrRest;

/// <summary>
/// Checks the contract's v2 request signature: v2=hex(HMAC-SHA256(key, "privacysync-hr-v2", method, path, query,
/// idempotency key, timestamp, nonce, hex SHA-256 of the body — one per line)), the timestamp within the replay window,
/// and the nonce not seen before within that window.
/// </summary>
public static class HrRestSignature
{
    public const string TimestampHeader = "X-PrivacySync-Timestamp";
    public const string NonceHeader = "X-PrivacySync-Nonce";
    public const string SignatureHeader = "X-PrivacySync-Signature";

    /// <summary>Null when the request holds; else the contract's error code.</summary>
    public static string? Verify(byte[] key, SignedRequest request, DateTimeOffset now, TimeSpan window, NonceCache nonces)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nonces);
        if (request.Timestamp is null || request.Signature is null || request.Nonce is not { Length: >= 16 and <= 128 })
        {
            return "invalid_signature";
        }

        if (!long.TryParse(request.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "invalid_signature";
        }

        var canonical = string.Join(
            '\n', "privacysync-hr-v2", request.Method.ToUpperInvariant(), request.Path, request.Query, request.IdempotencyKey ?? "",
            request.Timestamp, request.Nonce, Convert.ToHexStringLower(SHA256.HashData(request.Body)));
        var expected = "v2=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Signature)))
        {
            return "invalid_signature";
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > window)
        {
            return "stale_timestamp";
        }

        return nonces.TryUse(request.Nonce, now, window) ? null : "replayed_request";
    }
}

/// <summary>The signed parts of one request as the server received it.</summary>
public sealed record SignedRequest(
    string Method, string Path, string Query, string? IdempotencyKey, string? Timestamp, string? Nonce, string? Signature, byte[] Body);

/// <summary>
/// The nonces seen within the replay window: a nonce is accepted once, so a captured request cannot be sent again even
/// while its timestamp is fresh. Entries older than the window are dropped (the timestamp check refuses those anyway).
/// </summary>
public sealed class NonceCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);

    public int Count => seen.Count;

    public bool TryUse(string nonce, DateTimeOffset now, TimeSpan window)
    {
        foreach (var (old, at) in seen)
        {
            if (now - at > window * 2)
            {
                seen.TryRemove(old, out _);
            }
        }

        return seen.TryAdd(nonce, now);
    }
}
