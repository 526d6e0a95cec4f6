using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrivacySync.FunctionsHost.Configuration;
using PrivacySync.FunctionsHost.Http;
using PrivacySync.FunctionsHost.Rpc;
using PrivacySync.FunctionsHost.Triggers;

namespace PrivacySync.FunctionsHost;

/// <summary>What the worker said in the handshake: its capabilities and the functions it indexed.</summary>
public sealed record WorkerHandshake(
    IReadOnlyDictionary<string, string> Capabilities,
    string WorkerVersion,
    string RuntimeName,
    IReadOnlyList<ReportedFunction> Functions);

/// <summary>One function as the worker reported it in FunctionMetadataResponse.</summary>
public sealed record ReportedFunction(string Name, string EntryPoint, string ScriptFile, IReadOnlyList<string> RawBindings);

/// <summary>
/// A local Functions host for one published isolated-worker app (development and test tool; never production).
/// <see cref="StartAsync"/> returns when the worker is initialised, every enabled function is loaded and the
/// triggers are listening.
/// </summary>
public sealed class FunctionsHost : IAsyncDisposable
{
    internal const int MaxMessageLength = int.MaxValue;

    private readonly FunctionsHostOptions _options;
    private readonly ILogger _logger;
    private readonly List<QueueListener> _queues = [];
    private readonly Dictionary<string, TimerListener> _timers = new(StringComparer.OrdinalIgnoreCase);
    private WebApplication? _grpc;
    private WorkerSupervisor? _supervisor;
    private HttpFrontEnd? _http;
    private int _stopped;

    private FunctionsHost(FunctionsHostOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("Host");
    }

    /// <summary>http://127.0.0.1:PORT (no trailing path); functions live under /{routePrefix}/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public string FunctionKey { get; private set; } = string.Empty;

    public string MasterKey { get; private set; } = string.Empty;

    /// <summary>The process id of the live worker (changes when a crashed worker is replaced).</summary>
    public int WorkerProcessId => _supervisor?.Current?.ProcessId ?? 0;

    /// <summary>How many worker processes this host started (1 + restarts).</summary>
    public int WorkerStarts => _supervisor?.Starts ?? 0;

    /// <summary>The functions that run (enabled), by name.</summary>
    public IReadOnlyList<string> Functions { get; private set; } = [];

    public WorkerHandshake Handshake { get; private set; } = null!;

    /// <summary>The single line the CLI prints when ready.</summary>
    public string ReadyLine =>
        Newtonsoft.Json.JsonConvert.SerializeObject(new { ready = true, url = BaseUrl.GetLeftPart(UriPartial.Authority), functionKey = FunctionKey });

    public static async Task<FunctionsHost> StartAsync(FunctionsHostOptions options, CancellationToken cancellationToken)
    {
        var host = new FunctionsHost(options);
        try
        {
            await host.StartCoreAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var appDirectory = Path.GetFullPath(_options.AppDirectory);
        if (!Directory.Exists(appDirectory))
        {
            throw new FunctionsHostStartException($"The app folder {appDirectory} does not exist.");
        }

        var settings = AppSettings.Load(appDirectory, _options.IncludeProcessEnvironment, _options.Settings);
        var hostJson = HostJson.Load(appDirectory);
        var workerConfig = WorkerConfig.Load(appDirectory);
        FunctionKey = _options.FunctionKey ?? HostKeys.NewKey();
        MasterKey = _options.MasterKey ?? HostKeys.NewKey();
        var keys = new HostKeys(FunctionKey, MasterKey);

        var registry = new WorkerRegistry();
        _grpc = await StartGrpcAsync(registry, cancellationToken);
        var grpcUri = new Uri(_grpc.Urls.First());
        var removed = _options.Settings.Where(s => s.Value is null).Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        _supervisor = new WorkerSupervisor(workerConfig, settings.Values, removed, appDirectory, registry, grpcUri, _options);

        var reported = await _supervisor.StartAsync(cancellationToken);
        var init = _supervisor.InitResponse!;
        Handshake = new WorkerHandshake(
            new Dictionary<string, string>(init.Capabilities),
            init.WorkerMetadata?.WorkerVersion ?? init.WorkerVersion,
            init.WorkerMetadata?.RuntimeName ?? string.Empty,
            reported.Select(f => new ReportedFunction(f.Name, f.EntryPoint, f.ScriptFile, f.RawBindings.ToList())).ToList());

        var definitions = reported.Select(FunctionDefinition.From).ToList();
        foreach (var (setting, name) in settings.DisabledSwitches())
        {
            if (!definitions.Any(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new FunctionsHostStartException(
                    $"The setting '{setting}' disables a function '{name}', but the app has no such function "
                    + $"(functions: {string.Join(", ", definitions.Select(d => d.Name))}).");
            }
        }

        var enabled = new List<FunctionDefinition>();
        foreach (var definition in definitions)
        {
            if (settings.IsDisabled(definition.Name))
            {
                Log.FunctionDisabled(_logger, definition.Name);
            }
            else
            {
                enabled.Add(definition);
            }
        }

        // Resolve every trigger and output before loading, so bad configuration stops the start naming the setting.
        var clients = new QueueClients(settings, hostJson.Queues);
        var outputs = new QueueOutputWriter(clients);
        var invoker = new Invoker(_supervisor, hostJson, _options);
        var routes = new List<HttpRoute>();
        var queueListeners = new List<QueueListener>();
        foreach (var function in enabled)
        {
            outputs.Prepare(function, settings);
            var trigger = function.Trigger;
            var context = $"Function '{function.Name}' trigger '{trigger.Name}'";
            if (trigger.Is("queueTrigger"))
            {
                var queueName = settings.Resolve(trigger.Property("queueName") ?? throw new FunctionsHostStartException($"{context} has no queueName."), context);
                var connection = clients.ConnectionString(trigger.Property("connection"), context);
                queueListeners.Add(new QueueListener(function, connection, queueName.ToLowerInvariant(), clients, hostJson.Queues, invoker, outputs, _options));
            }
            else if (trigger.Is("timerTrigger"))
            {
                var schedule = TimerSchedule.Parse(settings.Resolve(trigger.Property("schedule") ?? throw new FunctionsHostStartException($"{context} has no schedule."), context), context);
                var runOnStartup = string.Equals(trigger.Property("runOnStartup"), "true", StringComparison.OrdinalIgnoreCase);
                _timers[function.Name] = new TimerListener(function, schedule, runOnStartup, invoker, _options);
            }
            else if (trigger.Is("httpTrigger"))
            {
                var route = (trigger.Property("route") ?? function.Name).Trim('/');
                var pattern = hostJson.RoutePrefix.Length == 0 ? $"/{route}" : $"/{hostJson.RoutePrefix}/{route}";
                var methods = trigger.Raw.GetValue("methods", StringComparison.OrdinalIgnoreCase) is Newtonsoft.Json.Linq.JArray list
                    ? list.Select(m => ((string?)m ?? string.Empty).ToUpperInvariant()).Where(m => m.Length > 0).ToArray()
                    : [];
                var authLevel = trigger.Property("authLevel") ?? "function";
                routes.Add(new HttpRoute(function, pattern, methods, authLevel));
                Log.HttpRouteMapped(_logger, function.Name, methods.Length == 0 ? "*" : string.Join(',', methods), pattern, authLevel);
            }
            else
            {
                throw new FunctionsHostStartException(
                    $"{context} is a '{trigger.Type}' trigger, which this local host does not run "
                    + $"(disable it with AzureWebJobs.{function.Name}.Disabled=true).");
            }
        }

        await _supervisor.ActivateAsync(enabled, cancellationToken);
        Functions = enabled.Select(f => f.Name).ToList();

        _http = await HttpFrontEnd.StartAsync(
            _options.Port, routes, _timers, Functions.ToHashSet(StringComparer.OrdinalIgnoreCase), keys, _supervisor, invoker, _options, cancellationToken);
        BaseUrl = _http.BaseUrl;

        foreach (var listener in queueListeners)
        {
            try
            {
                await listener.StartAsync(cancellationToken);
            }
            catch (Azure.RequestFailedException e)
            {
                throw new FunctionsHostStartException(
                    $"Function '{listener.FunctionName}' cannot use its queue '{listener.QueueName}' (storage answered {e.Status}: {e.ErrorCode ?? e.Message}).", e);
            }
            catch (AggregateException e) when (e.InnerExceptions.All(i => i is Azure.RequestFailedException))
            {
                throw new FunctionsHostStartException(
                    $"Function '{listener.FunctionName}' cannot reach the storage account of its queue '{listener.QueueName}': {e.InnerExceptions[0].Message}", e);
            }

            _queues.Add(listener);
        }

        foreach (var timer in _timers.Values)
        {
            timer.Start();
        }

        Log.HostReady(_logger, BaseUrl, Functions.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task<WebApplication> StartGrpcAsync(WorkerRegistry registry, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_options.LoggerFactory);
        // The worker's gRPC client speaks HTTP/2 without TLS (prior knowledge), on loopback only.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(registry);
        var app = builder.Build();
        app.MapGrpcService<FunctionRpcService>();
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>
    /// Graceful stop: no new messages, timer runs or requests; in-flight invocations get the grace period, the rest
    /// are abandoned (their messages visible again at once); then WorkerTerminate, and the worker is killed if needed.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        var grace = _options.ShutdownGracePeriod;
        Log.Stopping(_logger, grace);
        await Task.WhenAll(_queues.Select(q => q.StopFetchingAsync()).Concat(_timers.Values.Select(t => t.StopSchedulingAsync())));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(grace);
        var draining = _queues.Select(q => q.DrainAsync(deadline.Token))
            .Concat(_timers.Values.Select(t => t.DrainAsync(deadline.Token)))
            .Append(_http?.StopAsync(deadline.Token) ?? Task.CompletedTask);
        await Task.WhenAll(draining);

        if (_supervisor is not null)
        {
            await _supervisor.StopAsync(TimeSpan.FromSeconds(5));
        }

        Log.Stopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        // Disposed without a stop (a failed start, a failing test): stop at once, nothing gets a grace period.
        await StopAsync(new CancellationToken(canceled: true));
        if (_http is not null)
        {
            await _http.DisposeAsync();
        }

        if (_supervisor is not null)
        {
            await _supervisor.DisposeAsync();
        }

        if (_grpc is not null)
        {
            await _grpc.StopAsync(CancellationToken.None);
            await _grpc.DisposeAsync();
        }
    }
}
