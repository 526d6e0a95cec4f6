using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Hosting.Metadata;

namespace PrivacySync.Functions.Worker;

/// <summary>
/// Worker mode: runs the app's functions without the Functions host, playing its role against Azure Storage or
/// Azurite — queue triggers with the host.json semantics, timer schedules and the HTTP routes under /api with
/// function keys. Startable and stoppable in-process (tests, the on-premises agent, the CLI).
/// </summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly WorkerHostOptions _options;
    private readonly List<QueueTriggerListener> _queues = [];
    private readonly List<TimerTriggerListener> _timers = [];
    private bool _started;
    private bool _stopped;

    private WorkerHost(IHost host, FunctionApp app, WorkerHostOptions options)
    {
        _host = host;
        App = app;
        _options = options;
    }

    public FunctionApp App { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The HTTP base address (http://127.0.0.1:port) once started, when HTTP is enabled.</summary>
    public Uri? HttpAddress { get; private set; }

    /// <summary>The queue-triggered functions this worker polls (after the --queues filter and the Disabled switches).</summary>
    public IEnumerable<FunctionMetadata> QueueFunctions => App.Functions.Where(function =>
        _options.EnableQueues && function.Queue is not null
        && (_options.Queues is null || _options.Queues.Contains(function.Queue.QueueName, StringComparer.Ordinal))
        && !FunctionSwitches.IsDisabled(Services.GetRequiredService<IConfiguration>(), function.Name));

    /// <summary>Builds the worker and checks the configuration; throws <see cref="FunctionAppConfigurationException"/> listing every problem.</summary>
    public static WorkerHost Create(WorkerHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        FunctionHostBootstrap.EnsureScriptRootExists(options);
        IHost host;
        if (options.EnableHttp)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = options.ScriptRoot });
            Configure(builder, options);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.HttpPort));
            host = builder.Build();
        }
        else
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = options.ScriptRoot });
            Configure(builder, options);
            host = builder.Build();
        }

        var configuration = host.Services.GetRequiredService<IConfiguration>();
        FunctionApp app;
        try
        {
            app = FunctionHostBootstrap.LoadAndValidate(host.Services, options.ScriptRoot, configuration, loaded => WorkerProblems(loaded, options, configuration));
        }
        catch
        {
            host.Dispose();
            throw;
        }

        if (host is WebApplication web)
        {
            var functionKey = configuration[WorkerHostOptions.FunctionKeySetting];
            web.UseRouting();
            web.UseMiddleware<FunctionKeyMiddleware>(functionKey ?? string.Empty);
            web.MapHttpFunctions(app, host.Services.GetRequiredService<FunctionRegistry>(), enforceKeys: true);
            web.MapPayloadHttpFunctions(app, enforceKeys: true);
        }

        return new WorkerHost(host, app, options);
    }

    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_started)
        {
            throw new InvalidOperationException("The worker has already been started.");
        }

        _started = true;
        var accounts = Services.GetRequiredService<StorageAccounts>();
        await CreateQueuesAsync(accounts, ct).ConfigureAwait(false);
        await _host.StartAsync(ct).ConfigureAwait(false);

        var loggers = Services.GetRequiredService<ILoggerFactory>();
        if (_host is WebApplication web)
        {
            HttpAddress = new Uri(web.Urls.First());
            WorkerLog.HttpListening(loggers.CreateLogger<WorkerHost>(), HttpAddress.ToString());
        }

        var outputs = Services.GetRequiredService<QueueOutputWriter>();
        var invoker = Services.GetRequiredService<FunctionInvoker>();
        foreach (var function in QueueFunctions)
        {
            var listener = new QueueTriggerListener(
                function, App.Host.Queues, _options, accounts, outputs, invoker, _options.TimeProvider,
                loggers.CreateLogger("PrivacySync.Functions.Worker.Queue." + function.Name));
            _queues.Add(listener);
            listener.Start();
        }

        foreach (var function in App.Functions.Where(function => function.Timer is not null && _options.EnableTimers && !FunctionSwitches.IsDisabled(Services.GetRequiredService<IConfiguration>(), function.Name)))
        {
            var timer = new TimerTriggerListener(
                function, outputs, invoker, _options.TimeProvider,
                loggers.CreateLogger("PrivacySync.Functions.Worker.Timer." + function.Name));
            _timers.Add(timer);
            timer.Start();
        }
    }

    /// <summary>Completes when <paramref name="ct"/> is cancelled or the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public async Task WaitForShutdownAsync(CancellationToken ct = default)
    {
        var lifetime = Services.GetRequiredService<IHostApplicationLifetime>();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
        await Task.Delay(Timeout.Infinite, either.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Stops receiving, lets in-flight handlers finish within the grace period, then releases (visibility 0) every
    /// message that did not finish, and stops the HTTP server.
    /// </summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        if (!_started || _stopped)
        {
            return;
        }

        _stopped = true;
        await Task.WhenAll(
                _queues.Select(listener => listener.StopAsync(_options.ShutdownGracePeriod))
                    .Concat(_timers.Select(timer => timer.StopAsync(_options.ShutdownGracePeriod))))
            .ConfigureAwait(false);
        await _host.StopAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var listener in _queues)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var timer in _timers)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        if (_host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }

    private static void Configure(IHostApplicationBuilder builder, WorkerHostOptions options)
    {
        FunctionHostBootstrap.Configure(builder, options);
        builder.Services.Replace(ServiceDescriptor.Singleton(new QueueScope(options.Queues)));
        builder.Services.AddSingleton<StorageAccounts>();
        builder.Services.AddSingleton<QueueOutputWriter>();
    }

    private static IEnumerable<ConfigurationProblem> WorkerProblems(FunctionApp loaded, WorkerHostOptions options, IConfiguration configuration)
    {
        if (options.EnableHttp
            && string.IsNullOrEmpty(configuration[WorkerHostOptions.FunctionKeySetting])
            && loaded.Functions.FirstOrDefault(function => function.Http?.RequiresFunctionKey == true) is { } keyed)
        {
            yield return new ConfigurationProblem(
                WorkerHostOptions.FunctionKeySetting,
                $"app setting '{WorkerHostOptions.FunctionKeySetting}' is not set, but {keyed.FilePath} has authLevel '{keyed.Http!.AuthLevel}'; set the key callers must send (x-functions-key or ?code=).");
        }

        foreach (var queue in options.Queues ?? [])
        {
            if (!loaded.Functions.Any(function => function.Queue?.QueueName == queue))
            {
                yield return new ConfigurationProblem("--queues", $"no queueTrigger function listens to queue '{queue}'.");
            }
        }
    }

    private async Task CreateQueuesAsync(StorageAccounts accounts, CancellationToken ct)
    {
        // Poison queues too, so operators and replay tooling find them before the first failure.
        var queues = QueueFunctions
            .SelectMany(function => new[] { function.Queue!.QueueName, QueueMessages.PoisonQueueName(function.Queue.QueueName) }
                .Select(name => (function.Queue.ConnectionSetting, name)))
            .Concat(App.Functions.SelectMany(function => function.QueueOutputs.Select(output => (output.ConnectionSetting, output.QueueName))))
            .Distinct();
        foreach (var (connection, name) in queues)
        {
            await accounts.GetQueue(connection, name).CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        }
    }
}
