using System.Text;
using Microsoft.Extensions.Configuration;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Common;

/// <summary>
/// Resolves what a system's configuration names by reference: secrets from app settings (environment variables,
/// Key Vault references — anything in <see cref="IConfiguration"/>), and files relative to the configuration file.
/// A missing setting is a <see cref="PermanentConnectorException"/> naming the setting and the system, never its value.
/// </summary>
public sealed class ConnectorSettings(IConfiguration configuration, ConfigurationFolder folder)
{
    /// <summary>The value of the app setting <paramref name="settingName"/>, configured at <paramref name="field"/> of the system.</summary>
    /// <param name="what">What the setting holds, for the message (e.g. "the database connection string").</param>
    public string Require(SystemOptions system, string? settingName, string field, string what)
    {
        if (string.IsNullOrWhiteSpace(settingName))
        {
            throw new PermanentConnectorException($"Systems '{system.Id}': {field} is not configured; it must name the app setting holding {what}.");
        }

        var value = configuration[settingName];
        return string.IsNullOrEmpty(value)
            ? throw new PermanentConnectorException(
                $"Systems '{system.Id}': app setting '{settingName}' (named by {field}) is not set; it must hold {what}.")
            : value;
    }

    /// <summary>Like <see cref="Require"/>, or null when no setting is named.</summary>
    public string? Optional(SystemOptions system, string? settingName, string field, string what) =>
        settingName is null ? null : Require(system, settingName, field, what);

    /// <summary>A key held in an app setting, as the UTF-8 bytes of its text.</summary>
    public byte[]? OptionalKey(SystemOptions system, string? settingName, string field, string what) =>
        Optional(system, settingName, field, what) is { } text ? Encoding.UTF8.GetBytes(text) : null;

    /// <summary>A path from the configuration document: relative paths are under the configuration file's folder.</summary>
    public string PathFromConfig(string path) => Path.GetFullPath(Path.Combine(folder.Path, path));
}

/// <summary>The folder of the configuration document, against which its relative paths (mappings, certificates) are read.</summary>
public sealed record ConfigurationFolder(string Path);
