using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Functions.Worker;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Hosting;

[CollectionDefinition(nameof(WorkerCollection), DisableParallelization = true)]
public sealed class WorkerCollection : ICollectionFixture<AzuriteFixture>;

/// <summary>
/// Starts in-process workers on a temp script root against the shared Azurite, and cleans up the workers and
/// every queue a test names (with its -poison queue).
/// </summary>
public sealed class WorkerHarness(AzuriteFixture azurite) : IAsyncDisposable
{
    private readonly List<WorkerHost> _workers = [];
    private readonly List<string> _queues = [];

    public TestScriptRoot Root { get; } = new();

    public Probes Probes { get; } = new();

    public AzuriteFixture Azurite => azurite;

    /// <summary>A unique queue name, deleted (with its poison queue) after the test.</summary>
    public string QueueName(string prefix)
    {
        var name = azurite.UniqueName(prefix);
        _queues.Add(name);
        return name;
    }

    public QueueClient Queue(string name) => azurite.Clients.Queue(name);

    public QueueClient Poison(string name) => azurite.Clients.Queue(QueueMessages.PoisonQueueName(name));

    public WorkerHostOptions Options(Action<IServiceCollection> register) => new()
    {
        ScriptRoot = Root.Path,
        UseDefaultConfigurationSources = false,
        Settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            [WorkerHostOptions.FunctionKeySetting] = "test-function-key",
        },
        HttpPort = 0,
        MessageLease = TimeSpan.FromSeconds(2),
        ShutdownGracePeriod = TimeSpan.FromSeconds(5),
        ConfigureServices = (services, _) =>
        {
            services.AddSingleton(Probes);
            register(services);
        },
    };

    public async Task<WorkerHost> StartAsync(WorkerHostOptions options)
    {
        var worker = WorkerHost.Create(options);
        _workers.Add(worker);
        await worker.StartAsync(TestContext.Current.CancellationToken);
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        foreach (var name in _queues)
        {
            await Queue(name).DeleteIfExistsAsync();
            await Poison(name).DeleteIfExistsAsync();
        }

        Root.Dispose();
    }
}
