using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PrivacySync.Functions.Orchestration;

/// <summary>A download link issued to an officer: the site-absolute URL and when it stops working.</summary>
public sealed record DownloadLink(string Url, DateTimeOffset ExpiresAt);

public enum LinkCheck
{
    Valid,

    /// <summary>Not a link this app signed for this request and file, or expired.</summary>
    Invalid,

    /// <summary>A genuine link, issued to another officer.</summary>
    OtherOfficer,
}

/// <summary>
/// Download links for a request's outputs, issued on an officer's explicit request (never minted by a read):
/// <c>/api/requests/{id}/outputs/{file}?officer=…&amp;expires=…&amp;sig=…</c>, where sig is an HMAC-SHA256 under
/// <c>PrivacySync:LinkSecret</c> of the request, the file, the officer it was issued to and the expiry. A link is
/// used with that officer's own bearer token, so a link passed on to anyone else is refused. Lifetimes are bounded
/// by <c>PrivacySync:LinkLifetime</c> (at most <see cref="MaxLifetime"/>).
/// </summary>
public sealed class DownloadLinks(IOptions<OrchestrationOptions> options, TimeProvider time)
{
    /// <summary>The longest lifetime LinkLifetime may be set to.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    public TimeSpan Lifetime => options.Value.LinkLifetime;

    public DownloadLink Issue(string requestId, string fileName, string officerId, TimeSpan? lifetime = null)
    {
        var expiresAt = time.GetUtcNow().Add(lifetime is { } asked && asked < Lifetime ? asked : Lifetime);
        var expires = expiresAt.ToUnixTimeSeconds();
        var url = $"/api/requests/{Uri.EscapeDataString(requestId)}/outputs/{Uri.EscapeDataString(fileName)}"
            + $"?officer={Uri.EscapeDataString(officerId)}&expires={expires.ToString(CultureInfo.InvariantCulture)}&sig={Sign(requestId, fileName, officerId, expires)}";
        return new DownloadLink(url, DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    /// <summary>Checks a link's signature and expiry, then that <paramref name="actingOfficer"/> is the officer it was issued to.</summary>
    public LinkCheck Check(string requestId, string fileName, string? officer, string? expires, string? signature, string actingOfficer)
    {
        if (string.IsNullOrEmpty(officer) || string.IsNullOrEmpty(signature)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
        {
            return LinkCheck.Invalid;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(requestId, fileName, officer, expiresAt));
        var given = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, given) || time.GetUtcNow().ToUnixTimeSeconds() > expiresAt)
        {
            return LinkCheck.Invalid;
        }

        return string.Equals(officer, actingOfficer, StringComparison.Ordinal) ? LinkCheck.Valid : LinkCheck.OtherOfficer;
    }

    private string Sign(string requestId, string fileName, string officerId, long expires)
    {
        // Newline-separated: none of the parts can hold one (ids and file names are checked before they get here).
        var payload = Encoding.UTF8.GetBytes($"download-link\n{requestId}\n{fileName}\n{officerId}\n{expires.ToString(CultureInfo.InvariantCulture)}");
        var secret = options.Value.LinkSecret ?? throw new InvalidOperationException("PrivacySync:LinkSecret is not set.");
        return Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }
}
