using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace PrivacySync.Storage;

/// <summary>The name of the app setting the Functions host and PrivacySync read storage from.</summary>
public static class StorageSettings
{
    public const string SettingName = "AzureWebJobsStorage";
}

/// <summary>
/// Pipeline additions for every storage client: extra per-call policies (e.g. a benchmark counting calls), a
/// transport, and retry tuning. The SDK's default retry policy never retries 409 or 412, so a conditional write
/// that loses a race fails once, as the stores expect.
/// </summary>
public sealed class StorageClientsOptions
{
    public IList<HttpPipelinePolicy> PerCallPolicies { get; } = [];

    public HttpPipelineTransport? Transport { get; set; }

    /// <summary>Adjusts the SDK retry options (attempts, delays, network timeout) of every client.</summary>
    public Action<RetryOptions>? Retry { get; set; }

    internal T Apply<T>(T options) where T : ClientOptions
    {
        foreach (var policy in PerCallPolicies)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        if (Transport is not null)
        {
            options.Transport = Transport;
        }

        Retry?.Invoke(options.Retry);
        return options;
    }
}

/// <summary>
/// The account's three service clients, built once per process from <c>AzureWebJobsStorage</c> the way the Functions
/// host reads it. Service clients are thread-safe; the per-resource clients it hands out are cheap to create.
/// </summary>
public sealed class StorageClients
{
    public StorageClients(QueueServiceClient queues, BlobServiceClient blobs, TableServiceClient tables)
    {
        Queues = queues ?? throw new ArgumentNullException(nameof(queues));
        Blobs = blobs ?? throw new ArgumentNullException(nameof(blobs));
        Tables = tables ?? throw new ArgumentNullException(nameof(tables));
    }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    /// <summary>A queue client that base64-encodes what it sends and decodes what it receives, as the host's queue trigger does.</summary>
    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    /// <summary>
    /// Sends <paramref name="text"/> to the queue, optionally invisible for <paramref name="delay"/>; a queue that does not
    /// exist yet is created first, so a fresh storage account needs no set-up.
    /// </summary>
    public async Task SendAsync(string queueName, string text, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var queue = Queue(queueName);
        try
        {
            await queue.SendMessageAsync(text, delay, null, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "QueueNotFound")
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await queue.SendMessageAsync(text, delay, null, cancellationToken);
        }
    }

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>Reads <c>AzureWebJobsStorage</c>: a connection string, or identity-based <c>AzureWebJobsStorage__*</c> settings.</summary>
    /// <exception cref="InvalidOperationException">Missing or invalid; the message names the setting, never a key.</exception>
    public static StorageClients FromConfiguration(IConfiguration configuration, StorageClientsOptions? options = null) =>
        FromConnectionSetting(configuration, StorageSettings.SettingName, options);

    /// <summary>
    /// Reads the connection a binding names (<c>connection</c>): <paramref name="settingName"/> holds a connection string,
    /// or <c>{settingName}__accountName</c> / <c>__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>
    /// (https only) with optional <c>__credential=managedidentity</c> and <c>__clientId</c> select a token credential.
    /// </summary>
    public static StorageClients FromConnectionSetting(IConfiguration configuration, string settingName, StorageClientsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(settingName);
        var connectionString = configuration[settingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return Create(connectionString, options, $"The '{settingName}' setting");
        }

        var section = configuration.GetSection(settingName);
        var accountName = section["accountName"];
        Uri? Endpoint(string key, string service)
        {
            var value = section[key];
            if (!string.IsNullOrWhiteSpace(value))
            {
                return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && string.IsNullOrEmpty(uri.Query)
                    ? uri
                    : throw new InvalidOperationException($"The '{settingName}__{key}' setting must be an absolute https URI without a query.");
            }

            return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
        }

        var blob = Endpoint("blobServiceUri", "blob");
        var queue = Endpoint("queueServiceUri", "queue");
        var table = Endpoint("tableServiceUri", "table");
        if (blob is null && queue is null && table is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{settingName}' to a connection string, or '{settingName}__accountName' " +
                $"(or '{settingName}__blobServiceUri', '__queueServiceUri' and '__tableServiceUri') for a managed identity.");
        }

        if (blob is null || queue is null || table is null)
        {
            var missing = string.Join(", ", new[] { ("blobServiceUri", blob), ("queueServiceUri", queue), ("tableServiceUri", table) }
                .Where(e => e.Item2 is null)
                .Select(e => $"'{settingName}__{e.Item1}'"));
            throw new InvalidOperationException($"Identity-based storage needs all three service URIs (or '{settingName}__accountName'); missing {missing}.");
        }

        options ??= new StorageClientsOptions();
        var credential = Credential(section);
        return new StorageClients(
            new QueueServiceClient(queue, credential, QueueOptions(options)),
            new BlobServiceClient(blob, credential, options.Apply(new BlobClientOptions())),
            new TableServiceClient(table, credential, options.Apply(new TableClientOptions())));
    }

    /// <summary>An Azure Storage connection string (account key or <c>UseDevelopmentStorage=true</c>).</summary>
    /// <exception cref="InvalidOperationException">Unusable; the message never contains the string's values.</exception>
    public static StorageClients FromConnectionString(string connectionString, StorageClientsOptions? options = null) =>
        Create(connectionString, options, "The value");

    private static StorageClients Create(string connectionString, StorageClientsOptions? options, string subject)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"{subject} is empty.");
        }

        options ??= new StorageClientsOptions();
        try
        {
            return new StorageClients(
                new QueueServiceClient(connectionString, QueueOptions(options)),
                new BlobServiceClient(connectionString, options.Apply(new BlobClientOptions())),
                new TableServiceClient(connectionString, options.Apply(new TableClientOptions())));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{subject} is not a usable storage connection string: {Diagnose(connectionString, e)}.");
        }
    }

    private static QueueClientOptions QueueOptions(StorageClientsOptions options) =>
        options.Apply(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>
    /// The SDK's parse error is generic ("No valid combination of account information found"): name the faulty part
    /// instead, by name only, since any value may be a key.
    /// </summary>
    private static string Diagnose(string connectionString, Exception error)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Any(part => part.IndexOf('=', StringComparison.Ordinal) <= 0))
        {
            return "every part must be name=value";
        }

        var values = parts.Select(part => part.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        string? Value(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        if (values.ContainsKey("UseDevelopmentStorage"))
        {
            return "UseDevelopmentStorage must be 'true' and stand alone";
        }

        var badEndpoint = new[] { "BlobEndpoint", "QueueEndpoint", "TableEndpoint" }
            .FirstOrDefault(name => Value(name) is { } uri && !(Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"));
        return (Value("AccountName"), Value("AccountKey")) switch
        {
            _ when badEndpoint is not null => $"{badEndpoint} must be an absolute http(s) URI",
            (null, _) => "AccountName is missing",
            (_, null) => "AccountKey is missing",
            (_, { } key) when !Convert.TryFromBase64String(key, new byte[key.Length], out _) => "AccountKey is not valid base64",
            // The SDK's own words, unless they quote a value.
            _ => values.Values.Any(value => value.Length >= 4 && error.Message.Contains(value, StringComparison.Ordinal))
                ? "an unsupported combination of parts"
                : error.Message.TrimEnd('.'),
        };
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
