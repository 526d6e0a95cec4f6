using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using PrivacySync.Storage;

namespace PrivacySync.Functions.Worker;

/// <summary>One storage account client per connection setting named by the bindings ('connection').</summary>
internal sealed class StorageAccounts(IConfiguration settings)
{
    private readonly ConcurrentDictionary<string, StorageClients> _accounts = new(StringComparer.Ordinal);

    public QueueClient GetQueue(string connectionSetting, string queueName) =>
        _accounts.GetOrAdd(connectionSetting, name => StorageClients.FromConnectionSetting(settings, name)).Queue(queueName);
}
