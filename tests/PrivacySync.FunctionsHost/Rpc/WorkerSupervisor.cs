using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using PrivacySync.FunctionsHost.Configuration;

namespace PrivacySync.FunctionsHost.Rpc;

/// <summary>
/// Starts the worker and walks it through the handshake (StartStream, WorkerInit, FunctionsMetadata, FunctionLoad);
/// when it exits unexpectedly, starts and re-initialises a new one. Invocations wait while a worker is restarting.
/// </summary>
internal sealed class WorkerSupervisor : IAsyncDisposable
{
    private const string HostVersion = "4.1000.0";
    private readonly WorkerConfig _config;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly IReadOnlySet<string> _removedVariables;
    private readonly string _appDirectory;
    private readonly WorkerRegistry _registry;
    private readonly Uri _grpcUri;
    private readonly FunctionsHostOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private TaskCompletionSource<WorkerChannel> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<FunctionDefinition> _loaded = [];
    private WorkerChannel? _current;
    private Task _monitor = Task.CompletedTask;

    public WorkerSupervisor(
        WorkerConfig config,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlySet<string> removedVariables,
        string appDirectory,
        WorkerRegistry registry,
        Uri grpcUri,
        FunctionsHostOptions options)
    {
        _config = config;
        _environment = environment;
        _removedVariables = removedVariables;
        _appDirectory = appDirectory;
        _registry = registry;
        _grpcUri = grpcUri;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("Host.Worker");
    }

    public WorkerInitResponse? InitResponse { get; private set; }

    public WorkerChannel? Current => _current;

    /// <summary>How many workers were started (1 + restarts).</summary>
    public int Starts { get; private set; }

    /// <summary>Starts the first worker and asks it for its functions (worker indexing).</summary>
    public async Task<IReadOnlyList<RpcFunctionMetadata>> StartAsync(CancellationToken cancellationToken)
    {
        var channel = await LaunchAsync(cancellationToken);
        _current = channel;
        return await GetMetadataAsync(channel, cancellationToken);
    }

    /// <summary>Loads the functions into the first worker and opens it for invocations.</summary>
    public async Task ActivateAsync(IReadOnlyList<FunctionDefinition> functions, CancellationToken cancellationToken)
    {
        _loaded = functions;
        var channel = _current ?? throw new InvalidOperationException("StartAsync first.");
        await LoadAsync(channel, functions, cancellationToken);
        Publish(channel);
    }

    /// <summary>The live worker; waits while one is being restarted.</summary>
    public Task<WorkerChannel> GetReadyAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<WorkerChannel> ready;
        lock (_gate)
        {
            ready = _ready;
        }

        return ready.Task.WaitAsync(cancellationToken);
    }

    private void Publish(WorkerChannel channel)
    {
        lock (_gate)
        {
            _current = channel;
            if (!_ready.TrySetResult(channel))
            {
                _ready = new TaskCompletionSource<WorkerChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
                _ready.SetResult(channel);
            }
        }

        _monitor = MonitorAsync(channel);
    }

    private async Task MonitorAsync(WorkerChannel channel)
    {
        var reason = await channel.Closed;
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        lock (_gate)
        {
            if (_ready.Task.IsCompleted)
            {
                _ready = new TaskCompletionSource<WorkerChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        Log.WorkerExited(_logger, channel.ProcessId, reason);
        _registry.Remove(channel);
        await channel.DisposeAsync();

        var delay = TimeSpan.FromMilliseconds(200);
        while (!_stopping.IsCancellationRequested)
        {
            WorkerChannel? next = null;
            try
            {
                next = await LaunchAsync(_stopping.Token);
                await GetMetadataAsync(next, _stopping.Token);
                await LoadAsync(next, _loaded, _stopping.Token);
                Log.WorkerRestarted(_logger, next.ProcessId);
                Publish(next);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                if (next is not null)
                {
                    await next.DisposeAsync();
                }

                return;
            }
            catch (Exception e) when (e is WorkerUnavailableException or FunctionsHostStartException)
            {
                Log.WorkerRestartFailed(_logger, e.Message);
                if (next is not null)
                {
                    _registry.Remove(next);
                    await next.DisposeAsync();
                }

                await Task.Delay(delay, _options.TimeProvider, CancellationToken.None);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task<WorkerChannel> LaunchAsync(CancellationToken cancellationToken)
    {
        var channel = new WorkerChannel(_options.LoggerFactory);
        _registry.Add(channel);
        var startInfo = new ProcessStartInfo(_config.ExecutablePath)
        {
            WorkingDirectory = _appDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in _config.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (_config.WorkerPath is { } workerPath)
        {
            startInfo.ArgumentList.Add(workerPath);
        }

        foreach (var argument in _config.WorkerArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The protocol's arguments, as the Functions host passes them to an isolated worker.
        startInfo.ArgumentList.Add("--functions-uri");
        startInfo.ArgumentList.Add(_grpcUri.AbsoluteUri);
        startInfo.ArgumentList.Add("--functions-worker-id");
        startInfo.ArgumentList.Add(channel.WorkerId);
        startInfo.ArgumentList.Add("--functions-request-id");
        startInfo.ArgumentList.Add(Guid.NewGuid().ToString());
        startInfo.ArgumentList.Add("--functions-grpc-max-message-length");
        startInfo.ArgumentList.Add(FunctionsHost.MaxMessageLength.ToString(System.Globalization.CultureInfo.InvariantCulture));

        foreach (var name in _removedVariables)
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in _environment)
        {
            startInfo.Environment[name] = value;
        }

        startInfo.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        startInfo.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = _appDirectory;
        startInfo.Environment["FUNCTIONS_WORKER_DIRECTORY"] = _appDirectory;
        startInfo.Environment["AzureWebJobsScriptRoot"] = _appDirectory;
        // Tells the app it runs under this test host: only here does it accept a test-only fault point.
        startInfo.Environment["PRIVACYSYNC_LOCAL_FUNCTIONS_HOST"] = "1";
        if (!_environment.ContainsKey("AZURE_FUNCTIONS_ENVIRONMENT"))
        {
            startInfo.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        }

        channel.StartProcess(startInfo);
        Starts++;
        Log.WorkerStarted(_logger, channel.ProcessId, channel.WorkerId);

        var connected = await Task.WhenAny(channel.Connected, channel.Closed)
            .WaitAsync(_options.WorkerStartTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (connected != channel.Connected)
        {
            throw new FunctionsHostStartException($"The worker did not connect: {channel.Closed.Result}.");
        }

        var init = new WorkerInitRequest
        {
            HostVersion = HostVersion,
            FunctionAppDirectory = _appDirectory,
            WorkerDirectory = _appDirectory,
        };
        var response = (await channel.RequestAsync(new StreamingMessage { WorkerInitRequest = init }, _options.WorkerStartTimeout, cancellationToken)).WorkerInitResponse
            ?? throw new FunctionsHostStartException("The worker answered WorkerInitRequest with another message.");
        if (response.Result?.Status != StatusResult.Types.Status.Success)
        {
            throw new FunctionsHostStartException($"The worker failed to initialise: {Describe(response.Result)}");
        }

        InitResponse ??= response;
        return channel;
    }

    private async Task<IReadOnlyList<RpcFunctionMetadata>> GetMetadataAsync(WorkerChannel channel, CancellationToken cancellationToken)
    {
        var request = new FunctionsMetadataRequest { FunctionAppDirectory = _appDirectory };
        var response = (await channel.RequestAsync(new StreamingMessage { FunctionsMetadataRequest = request }, _options.WorkerStartTimeout, cancellationToken)).FunctionMetadataResponse
            ?? throw new FunctionsHostStartException("The worker answered FunctionsMetadataRequest with another message.");
        if (response.Result?.Status == StatusResult.Types.Status.Failure)
        {
            throw new FunctionsHostStartException($"The worker failed to index its functions: {Describe(response.Result)}");
        }

        return response.UseDefaultMetadataIndexing
            ? FunctionDefinition.ReadMetadataFile(_appDirectory)
            : response.FunctionMetadataResults.ToList();
    }

    private async Task LoadAsync(WorkerChannel channel, IReadOnlyList<FunctionDefinition> functions, CancellationToken cancellationToken)
    {
        var loads = functions.Select(async function =>
        {
            var request = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function.Metadata };
            var response = (await channel.RequestAsync(new StreamingMessage { FunctionLoadRequest = request }, _options.WorkerStartTimeout, cancellationToken)).FunctionLoadResponse;
            if (response?.Result?.Status != StatusResult.Types.Status.Success)
            {
                throw new FunctionsHostStartException($"The worker failed to load function '{function.Name}': {Describe(response?.Result)}");
            }
        });
        await Task.WhenAll(loads);
        await WaitForHttpAsync(channel, cancellationToken);
    }

    /// <summary>
    /// The worker reports HttpUri in its init response but starts listening there only after the functions are
    /// loaded; the host is ready (and forwards requests) once that port accepts connections.
    /// </summary>
    private async Task WaitForHttpAsync(WorkerChannel channel, CancellationToken cancellationToken)
    {
        if (channel.HttpUri is not { } uri)
        {
            return;
        }

        var deadline = _options.TimeProvider.GetUtcNow() + _options.WorkerStartTimeout;
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(uri.Host, uri.Port, cancellationToken);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (_options.TimeProvider.GetUtcNow() < deadline && !channel.Closed.IsCompleted)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), _options.TimeProvider, cancellationToken);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                throw new FunctionsHostStartException($"The worker's HTTP endpoint {uri} did not open: {e.Message}", e);
            }
        }
    }

    private static string Describe(StatusResult? result) =>
        result?.Exception is { } exception ? $"{exception.Message}" : result?.Result ?? "no result";

    /// <summary>Sends WorkerTerminate, lets the worker exit within the grace period, then kills it.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _stopping.CancelAsync();
        var channel = _current;
        if (channel is null)
        {
            return;
        }

        if (!channel.Closed.IsCompleted)
        {
            try
            {
                channel.Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(grace) } });
            }
            catch (WorkerUnavailableException)
            {
                // Already gone.
            }
        }

        await channel.StopProcessAsync(grace);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_current is { } channel)
        {
            _registry.Remove(channel);
            await channel.DisposeAsync();
        }

        try
        {
            await _monitor;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stopping.Dispose();
    }
}
