using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Storage;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Storage;

/// <summary>How <see cref="StorageClients"/> reads its settings (no network) and what its clients put on the wire (Azurite).</summary>
public sealed class StorageClientsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void ConnectionStringEndpointsAreUsedForEachService()
    {
        var clients = StorageClients.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};" +
            "BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:20001/devstoreaccount1;" +
            "TableEndpoint=http://127.0.0.1:20002/devstoreaccount1;");

        Assert.Equal("http://127.0.0.1:20000/devstoreaccount1", clients.Blobs.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:20001/devstoreaccount1", clients.Queues.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:20002/devstoreaccount1", clients.Tables.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:20001/devstoreaccount1/dsr-tasks", clients.Queue("dsr-tasks").Uri.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:20000/devstoreaccount1/dsr-outputs", clients.Container("dsr-outputs").Uri.AbsoluteUri);
        Assert.Equal("devstoreaccount1", clients.Queues.AccountName);
        Assert.Equal("devstoreaccount1", clients.Tables.AccountName);
    }

    [Fact]
    public void DevelopmentStorageUsesAzuriteDefaults()
    {
        var clients = StorageClients.FromConfiguration(Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", clients.Blobs.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", clients.Queues.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", clients.Tables.Uri.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void MissingSettingIsNamed()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageClients.FromConfiguration(Configuration(("Other", "x"))));

        Assert.Contains("'AzureWebJobsStorage'", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=privacysync;AccountKey=c2VjcmV0LWtleS12YWx1ZQ*", "AccountKey is not valid base64")]
    [InlineData("AccountName=privacysync;AccountKey=c2VjcmV0LWtleS12YWx1ZQ==;BlobEndpoint=not a uri", "BlobEndpoint must be")]
    [InlineData("c2VjcmV0LWtleS12YWx1ZQ==", "AccountName is missing")]
    [InlineData("AccountName=privacysync;c2VjcmV0LWtleS12YWx1ZQ", "name=value")]
    [InlineData("AccountKey=c2VjcmV0LWtleS12YWx1ZQ==", "AccountName is missing")]
    [InlineData("AccountName=privacysync;EndpointSuffix=core.windows.net", "AccountKey is missing")]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage")]
    public void MalformedConnectionStringNamesTheSettingAndThePartButNeverTheKey(string connectionString, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => StorageClients.FromConfiguration(Configuration(("AzureWebJobsStorage", connectionString))));

        Assert.Contains("'AzureWebJobsStorage'", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleS12YWx1ZQ", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void ANamedConnectionSettingIsNamedInItsErrors()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => StorageClients.FromConnectionSetting(Configuration(("OnPremStorage", "nonsense")), "OnPremStorage"));

        Assert.Contains("'OnPremStorage'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blobServiceUri", "http://privacysync.blob.core.windows.net")]
    [InlineData("queueServiceUri", "privacysync.queue.core.windows.net")]
    [InlineData("tableServiceUri", "https://privacysync.table.core.windows.net?sv=2024&sig=secret")]
    public void ServiceUriThatIsNotPlainHttpsIsRefusedByName(string key, string value)
    {
        var settings = new List<(string, string)>
        {
            ("AzureWebJobsStorage:blobServiceUri", "https://privacysync.blob.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://privacysync.queue.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://privacysync.table.core.windows.net"),
        };
        settings.RemoveAll(s => s.Item1.EndsWith(key, StringComparison.Ordinal));
        settings.Add(("AzureWebJobsStorage:" + key, value));

        var error = Assert.Throws<InvalidOperationException>(() => StorageClients.FromConfiguration(Configuration([.. settings])));

        Assert.Contains($"'AzureWebJobsStorage__{key}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PartialServiceUrisNameWhatIsMissing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageClients.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:blobServiceUri", "https://privacysync.blob.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://privacysync.queue.core.windows.net"))));

        var missing = error.Message.Split("missing")[1];
        Assert.Contains("'AzureWebJobsStorage__tableServiceUri'", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("blobServiceUri", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("queueServiceUri", missing, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountNameSelectsIdentityBasedHttpsEndpoints()
    {
        // Environment variables AzureWebJobsStorage__accountName arrive as the key "AzureWebJobsStorage:accountName".
        var clients = StorageClients.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:accountName", "privacysync"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal(new Uri("https://privacysync.blob.core.windows.net"), clients.Blobs.Uri);
        Assert.Equal(new Uri("https://privacysync.queue.core.windows.net"), clients.Queues.Uri);
        Assert.Equal(new Uri("https://privacysync.table.core.windows.net"), clients.Tables.Uri);
        Assert.Equal("privacysync", clients.Queues.AccountName);
        Assert.Equal("privacysync", clients.Blobs.AccountName);
    }

    [Fact]
    public void ExplicitServiceUrisWinOverTheAccountName()
    {
        var clients = StorageClients.FromConfiguration(Configuration(
            ("AzureWebJobsStorage:accountName", "privacysync"),
            ("AzureWebJobsStorage:queueServiceUri", "https://queues.privacysync.example")));

        Assert.Equal(new Uri("https://queues.privacysync.example"), clients.Queues.Uri);
        Assert.Equal(new Uri("https://privacysync.blob.core.windows.net"), clients.Blobs.Uri);
        Assert.Equal(new Uri("https://privacysync.table.core.windows.net"), clients.Tables.Uri);
    }

    [Fact]
    public void RegistrationFailsAtOnceOnABadSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => new ServiceCollection().AddPrivacySyncStorage(Configuration(("AzureWebJobsStorage:blobServiceUri", "https://a.blob.core.windows.net"))));

        Assert.Contains("AzureWebJobsStorage__queueServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisteredClientsAreOneSingletonWhosePoliciesSeeEveryServiceCall()
    {
        var calls = new CountingPolicy();
        var options = new StorageClientsOptions { Retry = retry => retry.MaxRetries = 0 };
        options.PerCallPolicies.Add(calls);
        var services = new ServiceCollection().AddSingleton(options);
        services.AddPrivacySyncStorage(Configuration(("AzureWebJobsStorage", azurite.ConnectionString)));
        await using var provider = services.BuildServiceProvider();

        var clients = provider.GetRequiredService<StorageClients>();
        var name = azurite.UniqueName("policy");
        await clients.Queue(name).CreateIfNotExistsAsync(cancellationToken: Ct);
        await clients.Container(name).CreateIfNotExistsAsync(cancellationToken: Ct);
        await clients.Table(name).CreateIfNotExistsAsync(Ct);

        Assert.Same(clients, provider.GetRequiredService<StorageClients>());
        // Azurite serves each service on its own port: one create call reached each, in order.
        Assert.Equal([clients.Queues.Uri.Port, clients.Blobs.Uri.Port, clients.Tables.Uri.Port], calls.Ports);
        await clients.Queue(name).DeleteAsync(Ct);
        await clients.Container(name).DeleteAsync(cancellationToken: Ct);
        await clients.Table(name).DeleteAsync(Ct);
    }

    [Fact]
    public async Task QueueMessagesAreBase64OnTheWireBothWays()
    {
        const string text = "{\"requestId\":\"dsr-1\",\"systemId\":\"hubspot\"} ÆØÅ åäö ✓";
        var queue = azurite.Clients.Queue(azurite.UniqueName("wire"));
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        var raw = new QueueClient(azurite.ConnectionString, queue.Name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

        await queue.SendMessageAsync(text, Ct);
        var onTheWire = Assert.Single((await raw.PeekMessagesAsync(32, Ct)).Value).MessageText;
        // What the host's queue output binding writes: base64 of the UTF-8 text.
        await raw.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("from the host")), Ct);

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), onTheWire);
        Assert.Equal([text, "from the host"], (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), Ct)).Value.Select(m => m.MessageText).Order(StringComparer.Ordinal).Reverse());
        await queue.DeleteAsync(Ct);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    /// <summary>Records the port of every request it sees (a real Azure.Core policy, as a benchmark would add).</summary>
    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        private readonly List<int> _ports = [];

        public IReadOnlyList<int> Ports
        {
            get
            {
                lock (_ports)
                {
                    return [.. _ports];
                }
            }
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            lock (_ports)
            {
                _ports.Add(message.Request.Uri.Port);
            }
        }
    }
}
