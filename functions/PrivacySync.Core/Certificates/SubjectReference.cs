using System.Security.Cryptography;
using System.Text;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// A pseudonymous reference to the subject for documents that outlive the request's personal data: HMAC-SHA-256 of
/// the normalised email under a per-deployment secret salt. The same person gets the same reference within one
/// deployment (so an officer can match a later question to the certificate), while the email cannot be read back
/// or guessed by hashing candidate addresses without the salt.
/// </summary>
public static class SubjectReference
{
    public const int MinimumSaltBytes = 16;

    /// <returns>"hmac-sha256:" followed by 64 lowercase hex digits.</returns>
    /// <exception cref="ArgumentException">The salt is shorter than <see cref="MinimumSaltBytes"/> or the email is empty.</exception>
    public static string Compute(string email, ReadOnlySpan<byte> salt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        if (salt.Length < MinimumSaltBytes)
        {
            throw new ArgumentException($"The salt must be at least {MinimumSaltBytes} bytes.", nameof(salt));
        }

        var mac = HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(Normalise(email)));
        return "hmac-sha256:" + Convert.ToHexStringLower(mac);
    }

    /// <summary>Trimmed and lower-cased (invariant), so "Kari@Example.NO " and "kari@example.no" are one person.</summary>
    internal static string Normalise(string email) => email.Trim().ToLowerInvariant();
}
