using System.Security.Cryptography;
using System.Text;

namespace PrivacySync.Storage.Stores;

/// <summary>A key-safe, fixed-length form of a caller-supplied id (table keys forbid some characters).</summary>
internal static class KeyHash
{
    public static string Of(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
