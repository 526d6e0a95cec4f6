using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PrivacySync.Functions.Orchestration;

/// <summary>
/// Expiring download links for a request's outputs: <c>/api/requests/{id}/outputs/{file}?expires=…&amp;sig=…</c>,
/// where sig is an HMAC-SHA256 of id, file and expiry under <c>PrivacySync:LinkSecret</c>.
/// </summary>
public sealed class DownloadLinks(IOptions<OrchestrationOptions> options, TimeProvider time)
{
    public string Create(string requestId, string fileName)
    {
        var expires = time.GetUtcNow().Add(options.Value.LinkLifetime).ToUnixTimeSeconds();
        return $"/api/requests/{Uri.EscapeDataString(requestId)}/outputs/{Uri.EscapeDataString(fileName)}"
            + $"?expires={expires.ToString(CultureInfo.InvariantCulture)}&sig={Sign(requestId, fileName, expires)}";
    }

    /// <summary>True when the signature matches and the link has not expired.</summary>
    public bool IsValid(string requestId, string fileName, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(requestId, fileName, expiresAt));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given) && time.GetUtcNow().ToUnixTimeSeconds() <= expiresAt;
    }

    private string Sign(string requestId, string fileName, long expires)
    {
        var payload = Encoding.UTF8.GetBytes($"{requestId}\n{fileName}\n{expires.ToString(CultureInfo.InvariantCulture)}");
        var secret = options.Value.LinkSecret ?? throw new InvalidOperationException("PrivacySync:LinkSecret is not set.");
        return Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }
}
