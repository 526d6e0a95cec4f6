using Microsoft.Extensions.Options;
using PrivacySync.Core.Configuration;

namespace PrivacySync.Functions.Orchestration;

/// <summary>Loads and validates the entities/systems/retention document once, at start.</summary>
public static class PrivacySyncConfiguration
{
    /// <exception cref="InvalidOperationException">The file is missing or invalid; the message lists every problem.</exception>
    public static PrivacySyncOptions Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"PrivacySync:ConfigPath: the configuration file '{path}' does not exist.");
        }

        var result = PrivacySyncOptionsLoader.Parse(File.ReadAllText(path));
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
