using System.Collections;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.FunctionsHost.Configuration;

/// <summary>
/// The app settings as the Functions host sees them: local.settings.json <c>Values</c>, overridden by the process
/// environment, overridden by explicit settings. Names compare case-insensitively, as in Azure.
/// </summary>
internal sealed partial class AppSettings
{
    private readonly Dictionary<string, string> _values;

    private AppSettings(Dictionary<string, string> values) => _values = values;

    public IReadOnlyDictionary<string, string> Values => _values;

    public static AppSettings Load(string appDirectory, bool includeEnvironment, IReadOnlyDictionary<string, string?> overrides)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var localSettings = Path.Combine(appDirectory, "local.settings.json");
        if (File.Exists(localSettings))
        {
            JObject root;
            try
            {
                root = JObject.Parse(File.ReadAllText(localSettings));
            }
            catch (JsonException e)
            {
                throw new FunctionsHostStartException($"{localSettings} is not valid JSON: {e.Message}", e);
            }

            if (root["Values"] is JObject settings)
            {
                foreach (var (name, value) in settings)
                {
                    if (value is JValue { Value: not null } scalar)
                    {
                        values[name] = Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture)!;
                    }
                }
            }
            else if (root["Values"] is { } other)
            {
                throw new FunctionsHostStartException($"{localSettings}: 'Values' must be an object (was {other.Type}).");
            }
        }

        if (includeEnvironment)
        {
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                values[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
            }
        }

        foreach (var (name, value) in overrides)
        {
            if (value is null)
            {
                values.Remove(name);
            }
            else
            {
                values[name] = value;
            }
        }

        return new AppSettings(values);
    }

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>Replaces every <c>%Name%</c> with the setting; a missing setting stops the start.</summary>
    public string Resolve(string value, string context) =>
        PercentSetting().Replace(value, match =>
        {
            var name = match.Groups[1].Value;
            // As the Functions host does: %A:B% names the configuration key A:B, which an app setting or environment
            // variable spells A__B.
            return Get(name) ?? Get(name.Replace(":", "__", StringComparison.Ordinal)) ?? throw new FunctionsHostStartException(
                $"{context} refers to the app setting '{name}' (%{name}%), which is not set.");
        });

    /// <summary>
    /// True when <c>AzureWebJobs.&lt;name&gt;.Disabled</c> is "true" or "1". The same switch is also read with
    /// <c>__</c> or <c>_</c> instead of the dots, as a shell cannot export a variable name with dots.
    /// </summary>
    public bool IsDisabled(string functionName)
    {
        var value = Get($"AzureWebJobs.{functionName}.Disabled")
            ?? Get($"AzureWebJobs__{functionName}__Disabled")
            ?? Get($"AzureWebJobs_{functionName}_Disabled");
        return value is not null && (value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || value.Trim() == "1");
    }

    /// <summary>Every Disabled switch, with the function name it names.</summary>
    public IEnumerable<(string Setting, string FunctionName)> DisabledSwitches()
    {
        foreach (var name in _values.Keys)
        {
            var match = DisabledSwitch().Match(name);
            if (match.Success)
            {
                yield return (name, match.Groups[1].Value);
            }
        }
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex PercentSetting();

    [GeneratedRegex(@"^AzureWebJobs(?:\.|__|_)(.+?)(?:\.|__|_)Disabled$", RegexOptions.IgnoreCase)]
    private static partial Regex DisabledSwitch();
}
