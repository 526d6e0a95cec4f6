using System.Text.RegularExpressions;

namespace PrivacySync.Storage;

/// <summary>Service naming rules, checked up front so a bad name is a clear bug rather than a 400 from the service.</summary>
internal static partial class StorageNames
{
    /// <summary>Queues and containers: 3-63 lowercase letters, digits and single hyphens, alphanumeric at both ends.</summary>
    public static string QueueOrContainer(string name, string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return QueueOrContainerPattern().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal)
            ? name
            : throw new ArgumentException($"'{name}' is not a valid {kind} name (3-63 lowercase letters, digits, single hyphens).", nameof(name));
    }

    /// <summary>Tables: 3-63 letters and digits, starting with a letter.</summary>
    public static string Table(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return TablePattern().IsMatch(name) && !string.Equals(name, "tables", StringComparison.OrdinalIgnoreCase)
            ? name
            : throw new ArgumentException($"'{name}' is not a valid table name (3-63 letters and digits, starting with a letter).", nameof(name));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex QueueOrContainerPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TablePattern();
}
