using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PrivacySync.FunctionsHost.Configuration;
using PrivacySync.FunctionsHost.Rpc;

namespace PrivacySync.FunctionsHost;

internal enum InvocationStatus
{
    Succeeded,
    Failed,

    /// <summary>The host stopped waiting (shutdown grace expired); the outcome is unknown.</summary>
    Abandoned,
}

internal sealed record InvocationOutcome(InvocationStatus Status, InvocationResponse? Response, string? Error)
{
    public bool Succeeded => Status == InvocationStatus.Succeeded;
}

/// <summary>Sends one InvocationRequest to the live worker and turns every ending into an outcome value.</summary>
internal sealed class Invoker(WorkerSupervisor supervisor, HostJson hostJson, FunctionsHostOptions options)
{
    private readonly ILogger _logger = options.LoggerFactory.CreateLogger("Host.Function");

    public async Task<InvocationOutcome> InvokeAsync(
        FunctionDefinition function,
        InvocationRequest request,
        WorkerChannel? channel,
        CancellationToken abandon)
    {
        request.FunctionId = function.FunctionId;
        request.TraceContext ??= new RpcTraceContext();
        using var timeout = hostJson.FunctionTimeout is { } limit
            ? new CancellationTokenSource(limit, options.TimeProvider)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(abandon, timeout.Token);
        var started = Stopwatch.GetTimestamp();
        try
        {
            channel ??= await supervisor.GetReadyAsync(linked.Token);
            Log.Executing(_logger, function.Name, request.InvocationId);
            var response = await channel.InvokeAsync(request, linked.Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (response.Result?.Status == StatusResult.Types.Status.Success)
            {
                Log.Executed(_logger, function.Name, request.InvocationId, (long)elapsed.TotalMilliseconds);
                return new InvocationOutcome(InvocationStatus.Succeeded, response, null);
            }

            var error = response.Result?.Exception?.Message ?? response.Result?.Result ?? "the invocation failed";
            Log.InvocationFailed(_logger, function.Name, request.InvocationId, (long)elapsed.TotalMilliseconds, error);
            return new InvocationOutcome(InvocationStatus.Failed, response, error);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !abandon.IsCancellationRequested)
        {
            var error = $"the invocation exceeded functionTimeout {hostJson.FunctionTimeout}";
            Log.InvocationFailed(_logger, function.Name, request.InvocationId, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, error);
            return new InvocationOutcome(InvocationStatus.Failed, null, error);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            Log.InvocationAbandoned(_logger, function.Name, request.InvocationId);
            return new InvocationOutcome(InvocationStatus.Abandoned, null, "the host stopped before the invocation finished");
        }
        catch (WorkerUnavailableException e)
        {
            Log.InvocationFailed(_logger, function.Name, request.InvocationId, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, e.Message);
            return new InvocationOutcome(InvocationStatus.Failed, null, e.Message);
        }
    }
}
