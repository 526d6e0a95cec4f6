using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PrivacySync.FunctionsHost;
using Host = PrivacySync.FunctionsHost.FunctionsHost;

namespace PrivacySync.Tests.FunctionsHost;

/// <summary>One local Functions host running the probe app, with its own queue names, logs and clients.</summary>
internal sealed class ProbeHost : IAsyncDisposable
{
    public const string FunctionKey = "probe-function-key";
    public const string MasterKey = "probe-master-key";
    private static readonly Newtonsoft.Json.JsonSerializerSettings RecordSettings = new() { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
    private readonly List<JObject> _records = [];

    private ProbeHost(Host host, ProbeQueueNames names, TestLogs logs, string storage)
    {
        Host = host;
        Names = names;
        Logs = logs;
        Storage = storage;
        Http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Host Host { get; }

    public ProbeQueueNames Names { get; }

    public TestLogs Logs { get; }

    public string Storage { get; }

    public HttpClient Http { get; }

    public static ProbeQueueNames NewNames() => new("p" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)));

    /// <summary>The settings the probe app needs, for the given queue names.</summary>
    public static Dictionary<string, string?> Settings(ProbeAppFixture fixture, ProbeQueueNames names) => new()
    {
        ["AzureWebJobsStorage"] = fixture.StorageConnection,
        ["ProbeInputQueue"] = names.Input,
        ["ProbeFanoutQueue"] = names.Fanout,
        ["ProbeFanoutOutputQueue"] = names.FanoutOutput,
        ["ProbeFanoutSummaryQueue"] = names.FanoutSummary,
        ["ProbeSlowQueue"] = names.Slow,
        ["ProbeInspectQueue"] = names.Inspect,
        ["ProbeRecordQueue"] = names.Record,
        // Yearly, so a test sees only the runs it asks for unless it sets its own schedule.
        ["ProbeTickSchedule"] = "0 0 0 1 1 *",
        // Runs on every start; only the test of runOnStartup switches it on.
        ["AzureWebJobs.StartupTick.Disabled"] = "true",
    };

    public static async Task<ProbeHost> StartAsync(
        ProbeAppFixture fixture,
        string? appFolder = null,
        Action<Dictionary<string, string?>>? configure = null,
        TimeSpan? shutdownGrace = null)
    {
        var names = NewNames();
        var settings = Settings(fixture, names);
        configure?.Invoke(settings);
        var logs = new TestLogs();
        var host = await Host.StartAsync(
            new FunctionsHostOptions
            {
                AppDirectory = appFolder ?? fixture.PublishFolder,
                FunctionKey = FunctionKey,
                MasterKey = MasterKey,
                Settings = settings,
                ShutdownGracePeriod = shutdownGrace ?? TimeSpan.FromSeconds(10),
                LoggerFactory = logs.Factory,
            },
            TestContext.Current.CancellationToken);
        return new ProbeHost(host, names, logs, fixture.StorageConnection);
    }

    /// <summary>A client for a queue the host reads or writes (base64, the host.json default).</summary>
    public QueueClient Queue(string name) =>
        new(Storage, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public async Task SendAsync(string queue, string message)
    {
        var client = Queue(queue);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync(message);
    }

    /// <summary>Reads the probe's plain-text record queue until <paramref name="done"/> holds or the deadline passes.</summary>
    public async Task<IReadOnlyList<JObject>> WaitForRecordsAsync(Func<IReadOnlyList<JObject>, bool> done, TimeSpan timeout)
    {
        var client = new QueueClient(Storage, Names.Record);
        await client.CreateIfNotExistsAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var message in (await client.ReceiveMessagesAsync(32)).Value)
            {
                // Dates stay text, exactly as the worker wrote them (no culture round trip).
                _records.Add(Newtonsoft.Json.JsonConvert.DeserializeObject<JObject>(message.Body.ToString(), RecordSettings)!);
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            if (done(_records))
            {
                return _records.ToList();
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The expected records did not arrive within {timeout}. Records so far:\n"
                    + string.Join("\n", _records.Select(r => r.ToString(Newtonsoft.Json.Formatting.None)))
                    + "\nHost log:\n" + Logs.Text);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Receives every message now visible in a queue (deleting them), as text.</summary>
    public async Task<List<string>> DrainAsync(string queue, int expected, TimeSpan timeout, bool raw = false)
    {
        var client = raw ? new QueueClient(Storage, queue) : Queue(queue);
        var result = new List<string>();
        var deadline = DateTime.UtcNow + timeout;
        while (result.Count < expected && DateTime.UtcNow < deadline)
        {
            if ((await client.ExistsAsync()).Value)
            {
                foreach (var message in (await client.ReceiveMessagesAsync(32)).Value)
                {
                    result.Add(message.Body.ToString());
                    await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }

            if (result.Count < expected)
            {
                await Task.Delay(100);
            }
        }

        return result;
    }

    /// <summary>Polls until the queue holds no messages at all (visible or not).</summary>
    public async Task WaitUntilEmptyAsync(string queue, TimeSpan timeout)
    {
        var client = Queue(queue);
        var deadline = DateTime.UtcNow + timeout;
        while ((await client.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Queue {queue} still holds messages after {timeout}.\nHost log:\n{Logs.Text}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.StopAsync();
        await Host.DisposeAsync();
        // Shown with a failing test's result: the host's side of what happened.
        TestContext.Current.TestOutputHelper?.WriteLine(Logs.Text);
        Logs.Dispose();
    }
}

internal sealed record ProbeQueueNames(string Prefix)
{
    public string Input => $"{Prefix}-in";
    public string Fanout => $"{Prefix}-fan";
    public string FanoutOutput => $"{Prefix}-fan-items";
    public string FanoutSummary => $"{Prefix}-fan-summary";
    public string Slow => $"{Prefix}-slow";
    public string Inspect => $"{Prefix}-inspect";
    public string Record => $"{Prefix}-record";
}

/// <summary>Captures the host's log lines (category, level, text) and echoes them to the test output.</summary>
internal sealed class TestLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

    public TestLogs()
    {
        Factory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Debug)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning)
            .AddProvider(this));
    }

    public ILoggerFactory Factory { get; }

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Entries => _entries.ToList();

    public string Text => string.Join("\n", _entries.Select(e => $"{e.Level} {e.Category}: {e.Message}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            owner._entries.Enqueue((category, logLevel, message));
        }
    }
}
