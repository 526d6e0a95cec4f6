using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace PrivacySync.Functions.Hosting.Metadata;

/// <summary>Binding properties may name app settings as %Name%; the host substitutes them at load time.</summary>
public static partial class AppSettingExpressions
{
    /// <summary>Replaces every %Name% by the setting's value; names of missing settings go to <paramref name="missing"/>.</summary>
    public static string Resolve(string value, IConfiguration settings, ICollection<string> missing)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(settings);
        return SettingPattern().Replace(value, match =>
        {
            var name = match.Groups[1].Value;
            var resolved = settings[name];
            if (string.IsNullOrEmpty(resolved))
            {
                missing.Add(name);
                return match.Value;
            }

            return resolved;
        });
    }

    [GeneratedRegex("%([^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex SettingPattern();
}
