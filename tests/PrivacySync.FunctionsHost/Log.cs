using Microsoft.Extensions.Logging;

namespace PrivacySync.FunctionsHost;

/// <summary>The host's own log events (ids only, never message contents).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Started worker process {ProcessId} (worker id {WorkerId})")]
    public static partial void WorkerStarted(ILogger logger, int processId, string workerId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Worker process {ProcessId} is gone: {Reason}; starting a new one")]
    public static partial void WorkerExited(ILogger logger, int processId, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Worker process {ProcessId} restarted and loaded; invocations resume")]
    public static partial void WorkerRestarted(ILogger logger, int processId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Restarting the worker failed: {Reason}; retrying")]
    public static partial void WorkerRestartFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Worker process {ProcessId} did not exit within {Grace}; killing it")]
    public static partial void KillingWorker(ILogger logger, int processId, TimeSpan grace);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Event stream of worker {WorkerId} ended: {Reason}")]
    public static partial void StreamFaulted(ILogger logger, string workerId, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "[worker {ProcessId}] {Line}")]
    public static partial void WorkerOutput(ILogger logger, int processId, string line);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "[worker {ProcessId} stderr] {Line}")]
    public static partial void WorkerError(ILogger logger, int processId, string line);

    [LoggerMessage(EventId = 9, Message = "{Message}")]
    public static partial void WorkerLog(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Executing '{Function}' (invocation {InvocationId})")]
    public static partial void Executing(ILogger logger, string function, string invocationId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Executed '{Function}' (succeeded, invocation {InvocationId}, {DurationMs} ms)")]
    public static partial void Executed(ILogger logger, string function, string invocationId, long durationMs);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Executed '{Function}' (failed, invocation {InvocationId}, {DurationMs} ms): {Error}")]
    public static partial void InvocationFailed(ILogger logger, string function, string invocationId, long durationMs, string error);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Abandoned '{Function}' (invocation {InvocationId}): the shutdown grace period ran out")]
    public static partial void InvocationAbandoned(ILogger logger, string function, string invocationId);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Function '{Function}' listens on queue '{Queue}'")]
    public static partial void QueueListening(ILogger logger, string function, string queue);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Polling queue '{Queue}' failed ({Status}: {Error}); backing off")]
    public static partial void QueuePollFailed(ILogger logger, string queue, int status, string error);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "'{Function}' message {MessageId} released (visible again at once)")]
    public static partial void MessageReleased(ILogger logger, string function, string messageId);

    [LoggerMessage(EventId = 17, Level = LogLevel.Information, Message = "'{Function}' message {MessageId} failed on dequeue {DequeueCount}; visible again in {Delay}")]
    public static partial void MessageRetried(ILogger logger, string function, string messageId, long dequeueCount, TimeSpan delay);

    [LoggerMessage(EventId = 18, Level = LogLevel.Warning, Message = "'{Function}' message {MessageId} moved to '{PoisonQueue}' after {DequeueCount} dequeues")]
    public static partial void MessagePoisoned(ILogger logger, string function, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(EventId = 19, Level = LogLevel.Warning, Message = "'{Function}' message {MessageId} could not be settled ({Status}: {Error}); it reappears when its lease ends")]
    public static partial void MessageSettleFailed(ILogger logger, string function, string messageId, int status, string error);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "'{Function}' message {MessageId}: renewing the lease failed ({Status})")]
    public static partial void LeaseRenewFailed(ILogger logger, string function, string messageId, int status);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "'{Function}': writing its output bindings failed: {Error}")]
    public static partial void OutputFailed(ILogger logger, string function, string error);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Timer '{Function}' scheduled '{Schedule}'; next {Next:o}")]
    public static partial void TimerScheduled(ILogger logger, string function, string schedule, DateTimeOffset next);

    [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "'{Function}' is an HTTP function but the worker reported no HttpUri capability (ConfigureFunctionsWebApplication missing?)")]
    public static partial void NoHttpUri(ILogger logger, string function);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Forwarding the request for '{Function}' (invocation {InvocationId}) to the worker failed: {Error}")]
    public static partial void ForwardFailed(ILogger logger, string function, string invocationId, string error);

    [LoggerMessage(EventId = 25, Level = LogLevel.Information, Message = "Host ready on {Url}: {FunctionCount} functions in {ElapsedMs} ms")]
    public static partial void HostReady(ILogger logger, Uri url, int functionCount, long elapsedMs);

    [LoggerMessage(EventId = 26, Level = LogLevel.Information, Message = "Function '{Function}' is disabled by its AzureWebJobs.<name>.Disabled setting")]
    public static partial void FunctionDisabled(ILogger logger, string function);

    [LoggerMessage(EventId = 27, Level = LogLevel.Information, Message = "Stopping: no new work; in-flight invocations get {Grace}")]
    public static partial void Stopping(ILogger logger, TimeSpan grace);

    [LoggerMessage(EventId = 28, Level = LogLevel.Information, Message = "Stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 29, Level = LogLevel.Information, Message = "Function '{Function}': {Methods} {Pattern} ({AuthLevel})")]
    public static partial void HttpRouteMapped(ILogger logger, string function, string methods, string pattern, string authLevel);

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "'{Function}' message {MessageId} does not decode with the host.json messageEncoding; moved to '{PoisonQueue}'")]
    public static partial void UndecodableMessagePoisoned(ILogger logger, string function, string messageId, string poisonQueue);
}
