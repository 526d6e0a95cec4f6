using System.Security.Cryptography;
using System.Text;

namespace PrivacySync.Core.Delivery;

/// <summary>
/// The key-encryption key of export packages at rest (app setting <c>PrivacySync__PackageKey</c>, best a Key Vault
/// reference). Each package is encrypted with a data key of its own, and only that data key is wrapped with this key:
/// whoever reads the storage account but does not hold the setting cannot read a package.
/// </summary>
public sealed class PackageKey
{
    public const string SettingName = "PrivacySync:PackageKey";

    public const int MinimumBytes = 32;

    private static readonly byte[] Info = Encoding.ASCII.GetBytes("privacysync/package-kek/v1");

    private PackageKey(byte[] key)
    {
        Key = key;
        // Names the key in each package header, so a package sealed under another key says so instead of "tampered".
        Id = SHA256.HashData(key).AsSpan(0, 8).ToArray();
    }

    internal byte[] Key { get; }

    internal byte[] Id { get; }

    /// <exception cref="InvalidOperationException">The setting is missing or shorter than <see cref="MinimumBytes"/>.</exception>
    public static PackageKey FromSetting(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidOperationException($"{SettingName} must be set ({MinimumBytes}+ bytes): it encrypts export packages at rest.");
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length < MinimumBytes)
        {
            throw new InvalidOperationException($"{SettingName} must be at least {MinimumBytes} bytes long.");
        }

        // The setting is text; the AES key is derived from it, so any 32+ byte secret gives a full-strength key.
        return new PackageKey(HKDF.DeriveKey(HashAlgorithmName.SHA256, bytes, 32, info: Info));
    }
}
