using Microsoft.Extensions.Logging;

namespace PrivacySync.Functions.Orchestration;

/// <summary>The flow's log lines: request and system ids only, never the subject's data.</summary>
internal static partial class FlowLog
{
    [LoggerMessage(3001, LogLevel.Warning, "Request {RequestId} in message is unknown; message dropped")]
    public static partial void UnknownRequest(this ILogger logger, string requestId);

    [LoggerMessage(3002, LogLevel.Information, "Request {RequestId} dispatched to {TaskCount} systems")]
    public static partial void Dispatched(this ILogger logger, string requestId, int taskCount);

    [LoggerMessage(3003, LogLevel.Information, "Task {RequestId}/{SystemId} started, attempt {Attempt}")]
    public static partial void TaskStarted(this ILogger logger, string requestId, string systemId, int attempt);

    [LoggerMessage(3004, LogLevel.Information, "Task {RequestId}/{SystemId} succeeded")]
    public static partial void TaskSucceeded(this ILogger logger, string requestId, string systemId);

    [LoggerMessage(3005, LogLevel.Warning, "Task {RequestId}/{SystemId} will retry in {Delay} after attempt {Attempt}: {ErrorKind}")]
    public static partial void TaskRetry(this ILogger logger, string requestId, string systemId, TimeSpan delay, int attempt, string errorKind);

    [LoggerMessage(3006, LogLevel.Error, "Task {RequestId}/{SystemId} failed after attempt {Attempt}: {ErrorKind}")]
    public static partial void TaskFailed(this ILogger logger, string requestId, string systemId, int attempt, string errorKind);

    [LoggerMessage(3007, LogLevel.Information, "Task {RequestId}/{SystemId} is running elsewhere; deferred {Delay}")]
    public static partial void TaskDeferred(this ILogger logger, string requestId, string systemId, TimeSpan delay);

    [LoggerMessage(3008, LogLevel.Information, "Task {RequestId}/{SystemId} changed under us ({Step}); this delivery stops")]
    public static partial void TaskRaceLost(this ILogger logger, string requestId, string systemId, string step);

    [LoggerMessage(3009, LogLevel.Information, "Request {RequestId} assembly claimed by another collector; retry in {Delay}")]
    public static partial void AssemblyBusy(this ILogger logger, string requestId, TimeSpan delay);

    [LoggerMessage(3010, LogLevel.Information, "Request {RequestId} completed as {Status} with output {Output}")]
    public static partial void Completed(this ILogger logger, string requestId, string status, string output);

    [LoggerMessage(3011, LogLevel.Error, "Task {RequestId}/{SystemId}: unexpected {ExceptionType} in the connector")]
    public static partial void ConnectorBug(this ILogger logger, string requestId, string systemId, string exceptionType);

    [LoggerMessage(3012, LogLevel.Information, "Request {RequestId} awaits an officer's review of {Items} mail text(s) before its package is made")]
    public static partial void AwaitingReview(this ILogger logger, string requestId, int items);
}
