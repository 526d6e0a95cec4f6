using System.Security.Cryptography;
using System.Text;
using PrivacySync.Connectors.Hr.Mapping;

namespace PrivacySync.Connectors.Hr;

/// <summary>National-id hashing (to match the HR system's stored hash) and keyed pseudonyms for erased columns.</summary>
public static class HrHashing
{
    public const string PseudonymPrefix = "psn_";

    /// <summary>Hashes a national id the way the mapping says the HR system stores it.</summary>
    public static string HashNationalId(string nationalId, HrNationalIdHashRule rule, byte[]? key)
    {
        var normalised = rule.Normalise == "digits"
            ? new string(nationalId.Where(char.IsAsciiDigit).ToArray())
            : nationalId.Trim();
        var bytes = Encoding.UTF8.GetBytes(normalised);
        var hash = rule.Algorithm == "hmac-sha256"
            ? HMACSHA256.HashData(key ?? throw new InvalidOperationException("hmac-sha256 national-id hashing needs a key"), bytes)
            : SHA256.HashData(Encoding.UTF8.GetBytes(rule.Salt ?? "").Concat(bytes).ToArray());
        return rule.Encoding == "base64" ? Convert.ToBase64String(hash) : Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// A stable pseudonym for a value in one column: the same value maps to the same pseudonym (statistics and unique
    /// constraints keep working), and without the key it cannot be linked back. Always 20 characters.
    /// </summary>
    public static string Pseudonymise(byte[] key, string table, string column, string value)
    {
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{table}\n{column}\n{value}"));
        return PseudonymPrefix + Convert.ToHexStringLower(hash)[..(HrMappingValidator.PseudonymLength - PseudonymPrefix.Length)];
    }
}
