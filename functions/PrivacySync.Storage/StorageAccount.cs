using Azure.Core;
using Azure.Core.Pipeline;
using PrivacySync.Storage.Http;

namespace PrivacySync.Storage;

/// <summary>
/// Entry point: builds one Azure.Core pipeline per signing flavour and hands out queue, container and table
/// clients. Thread-safe; create one per process (it is registered as a singleton).
/// </summary>
public sealed class StorageAccount
{
    /// <summary>Blob and queue service version; Azurite (with --skipApiVersionCheck) and Azure both accept it.</summary>
    internal const string BlobQueueVersion = "2021-12-02";

    /// <summary>The Table service's JSON protocol version, as used by Azure's own Tables clients.</summary>
    internal const string TableVersion = "2019-02-02";

    internal const string StorageScope = "https://storage.azure.com/.default";

    private readonly StorageService _blobs;
    private readonly StorageService _queues;
    private readonly StorageService _tables;

    public StorageAccount(StorageConnection connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new StorageClientOptions();
        Connection = connection;

        var date = new StorageDatePolicy(options.TimeProvider);
        HttpPipelinePolicy blobQueueAuth;
        HttpPipelinePolicy tableAuth;
        if (connection.AccountKey is { } key)
        {
            blobQueueAuth = new SharedKeyPolicy(connection.AccountName, key, SharedKeyFlavor.BlobQueue);
            tableAuth = new SharedKeyPolicy(connection.AccountName, key, SharedKeyFlavor.Table);
        }
        else
        {
            blobQueueAuth = tableAuth = new BearerTokenAuthenticationPolicy(connection.Credential!, StorageScope);
        }

        var blobQueuePipeline = HttpPipelineBuilder.Build(options, [], [date, blobQueueAuth], responseClassifier: null);
        var tablePipeline = HttpPipelineBuilder.Build(options, [], [date, tableAuth], responseClassifier: null);
        _blobs = new StorageService(blobQueuePipeline, connection.BlobEndpoint, BlobQueueVersion);
        _queues = new StorageService(blobQueuePipeline, connection.QueueEndpoint, BlobQueueVersion);
        _tables = new StorageService(tablePipeline, connection.TableEndpoint, TableVersion);
    }

    public StorageConnection Connection { get; }

    public StorageQueue GetQueue(string name) => new(_queues, name);

    public BlobContainer GetBlobContainer(string name) => new(_blobs, name);

    public StorageTable GetTable(string name) => new(_tables, name);
}
