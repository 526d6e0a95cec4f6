namespace PrivacySync.Core.Configuration;

/// <summary>Collects "Path: message" lines.</summary>
internal sealed class ValidationErrors
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
}
