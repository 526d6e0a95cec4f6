using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace PrivacySync.FunctionsHost.Rpc;

/// <summary>The worker (or its connection) went away; what was in flight on it has failed.</summary>
public sealed class WorkerUnavailableException(string message) : Exception(message);

/// <summary>
/// One worker process and its EventStream: requests are correlated by request id, invocations by invocation id.
/// When the process exits or the stream ends, everything pending fails with <see cref="WorkerUnavailableException"/>.
/// </summary>
internal sealed class WorkerChannel : IAsyncDisposable
{
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _requests = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new();
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ILogger> _categoryLoggers = new(StringComparer.Ordinal);
    private Process? _process;

    public WorkerChannel(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Host.Worker");
    }

    public string WorkerId { get; } = Guid.NewGuid().ToString();

    public int ProcessId { get; private set; }

    /// <summary>Completes (with the reason) when the worker process exits or its stream ends.</summary>
    public Task<string> Closed => _closed.Task;

    public Task Connected => _connected.Task;

    public IReadOnlyDictionary<string, string> Capabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>Where the worker's ASP.NET Core integration listens (the HttpUri capability), if it has one.</summary>
    public Uri? HttpUri { get; private set; }

    public int InFlight => _invocations.Count;

    public void StartProcess(ProcessStartInfo startInfo)
    {
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) Log.WorkerOutput(_logger, ProcessId, line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Log.WorkerError(_logger, ProcessId, line); };
        process.Exited += (_, _) =>
        {
            var code = SafeExitCode(process);
            Close($"the worker process {ProcessId} exited with code {code}");
        };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new FunctionsHostStartException($"The worker could not be started ('{startInfo.FileName}'): {e.Message}", e);
        }

        _process = process;
        ProcessId = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    /// <summary>Runs the worker's EventStream until it ends (called by the gRPC service after StartStream).</summary>
    public async Task RunStreamAsync(IAsyncStreamReader<StreamingMessage> reader, IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        if (!_connected.TrySetResult())
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.AlreadyExists, $"Worker {WorkerId} is already connected."));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writing = WriteLoopAsync(writer, stop.Token);
        try
        {
            while (await reader.MoveNext(cancellationToken))
            {
                Dispatch(reader.Current);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or Grpc.Core.RpcException or InvalidOperationException)
        {
            Log.StreamFaulted(_logger, WorkerId, e.Message);
        }
        finally
        {
            Close("the worker closed its event stream");
            await stop.CancelAsync();
            try
            {
                await writing;
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or Grpc.Core.RpcException or InvalidOperationException)
            {
                // The stream is gone; nothing left to write to.
            }
        }
    }

    private async Task WriteLoopAsync(IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
        {
            await writer.WriteAsync(message, cancellationToken);
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                ForwardLog(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryRemove(message.InvocationResponse.InvocationId, out var invocation))
                {
                    invocation.TrySetResult(message.InvocationResponse);
                }

                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                Capabilities = new Dictionary<string, string>(message.WorkerInitResponse.Capabilities);
                if (Capabilities.TryGetValue("HttpUri", out var uri) && Uri.TryCreate(uri, UriKind.Absolute, out var httpUri))
                {
                    HttpUri = httpUri;
                }

                Complete(message);
                break;
            default:
                Complete(message);
                break;
        }
    }

    private void Complete(StreamingMessage message)
    {
        if (_requests.TryRemove(message.RequestId, out var pending))
        {
            pending.TrySetResult(message);
        }
    }

    private void ForwardLog(RpcLog log)
    {
        var category = string.IsNullOrEmpty(log.Category) ? "Worker" : log.Category;
        var logger = _categoryLoggers.GetOrAdd(category, _loggerFactory.CreateLogger);
        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        if (level == LogLevel.None)
        {
            return;
        }

        var text = log.Exception is { } exception && !string.IsNullOrEmpty(exception.Message)
            ? $"{log.Message} ({exception.Type}: {exception.Message})"
            : log.Message;
        Log.WorkerLog(logger, level, text);
    }

    /// <summary>Sends a request and waits for the response that carries the same request id.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        message.RequestId = Guid.NewGuid().ToString();
        var pending = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[message.RequestId] = pending;
        if (Closed.IsCompleted)
        {
            throw new WorkerUnavailableException(Closed.Result);
        }

        Send(message);
        try
        {
            return await pending.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new WorkerUnavailableException($"The worker did not answer {message.ContentCase} within {timeout}.");
        }
        finally
        {
            _requests.TryRemove(message.RequestId, out _);
        }
    }

    /// <summary>Sends an InvocationRequest; cancelling sends InvocationCancel and abandons the response.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _invocations[request.InvocationId] = pending;
        if (Closed.IsCompleted)
        {
            _invocations.TryRemove(request.InvocationId, out _);
            throw new WorkerUnavailableException(Closed.Result);
        }

        Send(new StreamingMessage { InvocationRequest = request });
        try
        {
            return await pending.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            if (_invocations.TryRemove(request.InvocationId, out _))
            {
                Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = request.InvocationId } });
            }

            throw;
        }
    }

    public void Send(StreamingMessage message)
    {
        if (!_outbound.Writer.TryWrite(message))
        {
            throw new WorkerUnavailableException(Closed.IsCompleted ? Closed.Result : "the worker's stream is closed");
        }
    }

    private void Close(string reason)
    {
        if (!_closed.TrySetResult(reason))
        {
            return;
        }

        _outbound.Writer.TryComplete();
        foreach (var key in _requests.Keys)
        {
            if (_requests.TryRemove(key, out var pending))
            {
                pending.TrySetException(new WorkerUnavailableException(reason));
            }
        }

        foreach (var key in _invocations.Keys)
        {
            if (_invocations.TryRemove(key, out var pending))
            {
                pending.TrySetException(new WorkerUnavailableException(reason));
            }
        }
    }

    /// <summary>Waits for the process to exit on its own, then kills it (and its children) when it has not.</summary>
    public async Task StopProcessAsync(TimeSpan grace)
    {
        if (_process is not { } process)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(grace);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Log.KillingWorker(_logger, ProcessId, grace);
            Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public void Kill()
    {
        try
        {
            _process?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close("the host stopped");
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                Kill();
                await process.WaitForExitAsync(CancellationToken.None);
            }

            process.Dispose();
        }
    }
}
