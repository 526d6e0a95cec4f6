using Microsoft.Extensions.Options;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Functions.Orchestration;

/// <summary>Loads and validates the entities/systems/retention document once, at start.</summary>
public static class PrivacySyncConfiguration
{
    /// <summary>Reads the document at <paramref name="path"/>; each system's kind must be among <paramref name="kinds"/>, which check its Connector section.</summary>
    /// <exception cref="InvalidOperationException">The file is missing or invalid; the message lists every problem.</exception>
    public static PrivacySyncOptions Load(string path, IReadOnlyCollection<IConnectorKind> kinds)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"PrivacySync:ConfigPath: the configuration file '{path}' does not exist.");
        }

        var result = PrivacySyncOptionsLoader.Parse(File.ReadAllText(path), kinds);
        if (!result.IsValid)
        {
            throw new InvalidOperationException(
                $"PrivacySync:ConfigPath: '{path}' is not a valid configuration:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", result.Errors));
        }

        return result.Options!;
    }

    /// <summary>A relative path is under the app's own folder, where the build places <c>config/</c>.</summary>
    public static string ResolvePath(IOptions<OrchestrationOptions> options) =>
        Path.IsPathRooted(options.Value.ConfigPath) ? options.Value.ConfigPath : Path.Combine(AppContext.BaseDirectory, options.Value.ConfigPath);
}
