using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using PrivacySync.Storage;

namespace PrivacySync.Functions.Worker;

/// <summary>One storage account client per connection setting named by the bindings ('connection').</summary>
internal sealed class StorageAccounts(IConfiguration settings)
{
    private readonly ConcurrentDictionary<string, StorageAccount> _accounts = new(StringComparer.Ordinal);

    public StorageQueue GetQueue(string connectionSetting, string queueName) =>
        _accounts.GetOrAdd(connectionSetting, name => new StorageAccount(
                name == StorageSettings.SettingName
                    ? StorageSettings.FromConfiguration(settings)
                    : StorageConnection.Parse(settings[name]!)))
            .GetQueue(queueName);
}
