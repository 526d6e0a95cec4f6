using System.Text;

namespace PrivacySync.Core.Audit;

/// <summary>
/// The secret that keys the audit chain's MACs (app setting <c>PrivacySync__AuditKey</c>). It is kept apart from the
/// certificate signing key: whoever can write the audit table but does not hold this key cannot forge or recompute a
/// link, and a leaked signing key does not open the chain.
/// </summary>
public sealed class AuditKey
{
    public const string SettingName = "PrivacySync:AuditKey";

    /// <summary>HMAC-SHA256 keys shorter than the hash add no strength; shorter settings are refused.</summary>
    public const int MinimumBytes = 32;

    private readonly byte[] bytes;

    private AuditKey(byte[] bytes) => this.bytes = bytes;

    internal ReadOnlySpan<byte> Bytes => bytes;

    /// <exception cref="InvalidOperationException">The setting is missing or shorter than <see cref="MinimumBytes"/>.</exception>
    public static AuditKey FromSetting(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidOperationException($"{SettingName} must be set ({MinimumBytes}+ bytes): it keys the audit chain.");
        }

        var key = Encoding.UTF8.GetBytes(value);
        return key.Length < MinimumBytes
            ? throw new InvalidOperationException($"{SettingName} must be at least {MinimumBytes} bytes long.")
            : new AuditKey(key);
    }
}
