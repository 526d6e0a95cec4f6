using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace PrivacySync.Storage;

/// <summary>
/// Reads the storage connection the way the Functions host does: <c>AzureWebJobsStorage</c> holds a connection
/// string, or <c>AzureWebJobsStorage__accountName</c> / <c>__blobServiceUri</c> / <c>__queueServiceUri</c> /
/// <c>__tableServiceUri</c> (with optional <c>__credential=managedidentity</c> and <c>__clientId</c>) select an
/// identity-based connection.
/// </summary>
public static class StorageSettings
{
    public const string SettingName = "AzureWebJobsStorage";

    /// <exception cref="InvalidOperationException">The setting is missing or invalid; the message names it, never a key.</exception>
    public static StorageConnection FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                return StorageConnection.Parse(connectionString);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"The '{SettingName}' setting is not a usable connection string: {e.Message}", e);
            }
        }

        var section = configuration.GetSection(SettingName);
        var accountName = section["accountName"];
        Uri? Endpoint(string key, string service)
        {
            var value = section[key];
            if (!string.IsNullOrWhiteSpace(value))
            {
                return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
                    ? uri
                    : throw new InvalidOperationException($"The '{SettingName}__{key}' setting must be an absolute https URI.");
            }

            return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
        }

        var blob = Endpoint("blobServiceUri", "blob");
        var queue = Endpoint("queueServiceUri", "queue");
        var table = Endpoint("tableServiceUri", "table");
        if (blob is null && queue is null && table is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{SettingName}' to a connection string, or '{SettingName}__accountName' " +
                $"(or '{SettingName}__blobServiceUri', '__queueServiceUri' and '__tableServiceUri') for a managed identity.");
        }

        if (blob is null || queue is null || table is null)
        {
            var missing = string.Join(", ", new[] { ("blobServiceUri", blob), ("queueServiceUri", queue), ("tableServiceUri", table) }
                .Where(e => e.Item2 is null)
                .Select(e => $"'{SettingName}__{e.Item1}'"));
            throw new InvalidOperationException($"Identity-based storage needs all three service URIs (or '{SettingName}__accountName'); missing {missing}.");
        }

        return StorageConnection.ForTokenCredential(blob, queue, table, Credential(section));
    }

    /// <summary>credential=managedidentity pins the managed identity (optionally a user-assigned clientId); otherwise DefaultAzureCredential.</summary>
    private static TokenCredential Credential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        if (string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(string.IsNullOrWhiteSpace(clientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId,
        });
    }
}
