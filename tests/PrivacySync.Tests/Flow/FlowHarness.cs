using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Functions;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Functions.Worker;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Flow;

[CollectionDefinition(nameof(FlowCollection), DisableParallelization = true)]
public sealed class FlowCollection : ICollectionFixture<AzuriteFixture>;

/// <summary>
/// Runs the real function app (its function.json files and handlers) in worker mode against Azurite, with the
/// scripted connectors standing in for the systems. The flow queues have fixed names, so flow tests run one at a time.
/// </summary>
public sealed class FlowHarness(AzuriteFixture azurite) : IAsyncDisposable
{
    private readonly List<WorkerHost> workers = [];

    public ConnectorScript Script { get; } = new();

    public string SigningKeyPem { get; } = CertificateKeys.ExportPrivateKeyPem(CertificateKeys.GenerateDevelopmentKey());

    public AzuriteFixture Azurite => azurite;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public WorkerHostOptions Options(
        IReadOnlyCollection<string>? queues = null, TimeSpan? shutdownGrace = null, IReadOnlyDictionary<string, string?>? settings = null) => new()
    {
        ScriptRoot = AppContext.BaseDirectory,
        UseDefaultConfigurationSources = false,
        Settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            [WorkerHostOptions.FunctionKeySetting] = "flow-function-key",
            ["PrivacySync:ConfigPath"] = Path.Combine(AppContext.BaseDirectory, "Flow", "flow-config.json"),
            ["PrivacySync:SigningKeyPem"] = SigningKeyPem,
            ["PrivacySync:SubjectSalt"] = "flow-tests-subject-salt",
            ["PrivacySync:LinkSecret"] = "flow-tests-link-secret",
            ["PrivacySync:TaskAttemptBudget"] = "3",
            ["PrivacySync:RetryBaseDelay"] = "00:00:00.200",
            ["PrivacySync:RetryMaxDelay"] = "00:00:01",
            ["PrivacySync:TaskTimeout"] = "00:00:02",
            ["PrivacySync:TaskLease"] = "00:00:08",
            ["PrivacySync:AssemblyLease"] = "00:00:05",
        }.With(settings),
        Queues = queues,
        ConfigureLogging = Environment.GetEnvironmentVariable("FLOW_LOGS") is { } logFile ? logging => logging.AddProvider(new FileLoggerProvider(logFile)) : null,
        EnableTimers = false,
        HttpPort = 0,
        MessageLease = TimeSpan.FromSeconds(10),
        ShutdownGracePeriod = shutdownGrace ?? TimeSpan.FromSeconds(5),
        ConfigureServices = (services, configuration) =>
        {
            services.AddPrivacySyncFunctions(configuration);
            services.AddSingleton(Script);
            services.AddConnectorKind("test", (_, system) => new ScriptedConnector(system.Id!, Script));
        },
    };

    public async Task<WorkerHost> StartWorkerAsync(
        IReadOnlyCollection<string>? queues = null, TimeSpan? shutdownGrace = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var worker = WorkerHost.Create(Options(queues, shutdownGrace, settings));
        workers.Add(worker);
        await worker.StartAsync(Ct);
        return worker;
    }

    public T Service<T>()
        where T : notnull => workers[^1].Services.GetRequiredService<T>();

    /// <summary>What SubmitRequest does for a verified request: store subject and request, then ask for dispatch.</summary>
    public async Task<string> SubmitAsync(RequestType type, string email = "kari.nordmann@example.com")
    {
        var lifecycle = Service<RequestLifecycle>();
        var result = lifecycle.Submit(new SubmitRequestCommand(
            type, "flow-no", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), "olga.officer", Guid.NewGuid().ToString(), IdentityVerification.BankId));
        var request = result.Request ?? throw new InvalidOperationException(result.Error!.ToString());
        await Service<ISubjectStore>().SaveAsync(request.RequestId, new SubjectIdentity(email, "Kari Nordmann"), Ct);
        Assert.True(await Service<IRequestStore>().TryCreateAsync(request, Ct));
        await Service<WorkQueues>().SendAsync(QueueNames.Dispatch, new RequestMessage(request.RequestId), null, Ct);
        return request.RequestId;
    }

    public async Task<DataSubjectRequest> WaitForCompletionAsync(string requestId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(45));
        while (true)
        {
            var request = (await Service<IRequestStore>().GetAsync(requestId, Ct))!.Value;
            if (request.IsTerminal && request.Outputs.Count > 0 || request.Status == RequestStatus.Rejected)
            {
                return request;
            }

            if (DateTime.UtcNow > deadline)
            {
                var tasks = await Service<ITaskStore>().ListAsync(requestId, Ct);
                throw new TimeoutException(
                    $"Request {requestId} is still {request.Status}: " + string.Join("; ", tasks.Select(t => $"{t.Value.SystemId}={t.Value.Status}/{t.Value.Attempts}")));
            }

            await Task.Delay(200, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers)
        {
            await worker.DisposeAsync();
        }
    }
}

internal static class SettingsExtensions
{
    /// <summary>The settings with <paramref name="overrides"/> laid over them.</summary>
    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, IReadOnlyDictionary<string, string?>? overrides)
    {
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
