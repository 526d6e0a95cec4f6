namespace PrivacySync.Core.Configuration;

/// <summary>Collects "Path: message" lines; the checks every part of the configuration shares.</summary>
public sealed class ValidationErrors
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Items => _errors;

    public void Add(string path, string message) => _errors.Add($"{path}: {message}");

    public void Required(string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(path, "is required");
        }
    }

    public void Range(string path, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(path, $"must be between {min} and {max}");
        }
    }

    public void OneOf(string path, string? value, IReadOnlyList<string> allowed, bool required)
    {
        if (value is null ? required : !allowed.Contains(value, StringComparer.Ordinal))
        {
            Add(path, $"must be {Describe(allowed)}");
        }
    }

    /// <summary>An app setting's name (what CredentialReference and every *Setting hold), never the secret itself.</summary>
    public void SettingName(string path, string? name)
    {
        if (name is not null && !SystemRules.IsSettingName(name))
        {
            Add(path, "must be the name of an app setting (letters, digits, '_', '-', '.', ':'), never the secret itself");
        }
    }

    /// <summary>A system's CredentialReference, which its kind needs.</summary>
    public void CredentialReference(string path, SystemOptions system, string what)
    {
        if (string.IsNullOrWhiteSpace(system.CredentialReference))
        {
            Add($"{path}.CredentialReference", $"is required for kind '{system.Kind}': the name of the app setting holding {what}");
        }
    }

    /// <summary>Reports every id that appears more than once, at each repeated position.</summary>
    public void Unique<T>(string listPath, IReadOnlyList<T> items, Func<T, string?> key, string what)
    {
        var firstSeen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var value = key(items[i]);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (firstSeen.TryGetValue(value, out var first))
            {
                Add($"{listPath}[{i}]", $"duplicate {what} '{value}' (also {listPath}[{first}])");
            }
            else
            {
                firstSeen[value] = i;
            }
        }
    }

    /// <summary>"'a', 'b' or 'c'".</summary>
    public static string Describe(IReadOnlyList<string> values) =>
        string.Join(", ", values.Take(values.Count - 1).Select(v => $"'{v}'")) + $" or '{values[^1]}'";
}
