using System.Text;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Configuration;

namespace PrivacySync.Functions.Orchestration;

/// <summary>
/// The secrets this instance holds — PrivacySync's own (subject salt, link secret, audit key, package key, signing key) and the
/// keys the configured systems name (an HR REST system's signing key, every Connector <c>…KeySetting</c>) — each at
/// least <see cref="MinimumBytes"/> bytes and no two alike, so one leaked or guessed secret opens nothing else.
/// Checked at start; messages name settings, never values.
/// </summary>
public static class SecretSettings
{
    public const int MinimumBytes = 32;

    /// <summary>PrivacySync's own secrets by setting name; the signing key is compared for distinctness only (a PEM is long).</summary>
    private static readonly string[] Own = ["PrivacySync:SubjectSalt", "PrivacySync:LinkSecret", AuditKey.SettingName, Core.Delivery.PackageKey.SettingName];

    private const string SigningKeyPem = "PrivacySync:SigningKeyPem";

    /// <summary>Every problem, each naming its setting(s); empty when the secrets are fit.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, PrivacySyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var secrets = new List<(string Name, string Value, bool CheckLength)>();
        void Add(string name, bool checkLength)
        {
            if (configuration[name] is { Length: > 0 } value)
            {
                secrets.Add((name, value, checkLength));
            }
        }

        foreach (var name in Own)
        {
            Add(name, checkLength: true);
        }

        Add(SigningKeyPem, checkLength: false);
        foreach (var name in SystemKeySettings(options).Distinct(StringComparer.Ordinal))
        {
            Add(name, checkLength: true);
        }

        var problems = new List<string>();
        foreach (var (name, value, checkLength) in secrets)
        {
            var bytes = Encoding.UTF8.GetByteCount(value);
            if (checkLength && bytes < MinimumBytes)
            {
                problems.Add($"{name} must be at least {MinimumBytes} bytes (it has {bytes}); make one with 'openssl rand -base64 48'.");
            }
        }

        foreach (var group in secrets.GroupBy(s => s.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(", ", group.Select(s => s.Name))} hold the same value; every secret must be distinct.");
        }

        return problems;
    }

    /// <summary>The app settings holding keys the systems use: an HR REST system's credential and every Connector "…KeySetting".</summary>
    private static IEnumerable<string> SystemKeySettings(PrivacySyncOptions options)
    {
        foreach (var system in options.Systems)
        {
            if (string.Equals(system.Kind, "hr-rest", StringComparison.Ordinal) && system.CredentialReference is { Length: > 0 } credential)
            {
                yield return credential;
            }

            foreach (var property in system.Connector?.Properties() ?? [])
            {
                if (property.Name.EndsWith("KeySetting", StringComparison.Ordinal) && property.Value.Type == Newtonsoft.Json.Linq.JTokenType.String
                    && (string?)property.Value is { Length: > 0 } setting)
                {
                    yield return setting;
                }
            }
        }
    }
}
