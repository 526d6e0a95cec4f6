using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Infra;

/// <summary>The function app's functions, as the deployment must account for them.</summary>
internal static class AppFunctions
{
    /// <summary>The one function the on-premises host runs (and the cloud app disables).</summary>
    public const string OnPremOnly = "RunOnPremSystemTask";

    /// <summary>
    /// Every function name. Today: the folders holding a function.json under functions/PrivacySync.Functions/Functions.
    /// On the isolated worker this reads the published functions.metadata instead; callers do not change.
    /// </summary>
    public static IReadOnlyList<string> Names()
    {
        var root = RepositoryFiles.PathOf("functions/PrivacySync.Functions/Functions");
        var names = Directory.GetFiles(root, "function.json", SearchOption.AllDirectories)
            .Select(f => Path.GetFileName(Path.GetDirectoryName(f))!)
            .Order(StringComparer.Ordinal)
            .ToList();
        return names.Count > 0 ? names : throw new InvalidOperationException($"No function.json under {root}");
    }
}
