using Microsoft.Extensions.Logging;

namespace PrivacySync.Functions.Worker;

/// <summary>Worker-mode log events (ids and counts only, never message contents).</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Listening to queue {QueueName} for {FunctionName} (batch {BatchSize}, max deliveries {MaxDequeueCount})")]
    public static partial void QueueListening(ILogger logger, string queueName, string functionName, int batchSize, int maxDequeueCount);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Message {MessageId} on {QueueName} failed on delivery {DequeueCount}; visible again in {Delay}")]
    public static partial void MessageRetrying(ILogger logger, string queueName, string messageId, long dequeueCount, TimeSpan delay);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Message {MessageId} on {QueueName} moved to {PoisonQueue} after {DequeueCount} deliveries")]
    public static partial void MessagePoisoned(ILogger logger, string queueName, string messageId, string poisonQueue, long dequeueCount);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Lease on message {MessageId} in {QueueName} was lost; it will be delivered again")]
    public static partial void LeaseLost(ILogger logger, string queueName, string messageId);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Renewing the lease on message {MessageId} in {QueueName} failed; retrying")]
    public static partial void LeaseRenewalFailed(ILogger logger, Exception exception, string queueName, string messageId);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Receiving from {QueueName} failed; backing off")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, string queueName);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Completing message {MessageId} on {QueueName} failed; it will be delivered again")]
    public static partial void CompleteFailed(ILogger logger, Exception exception, string queueName, string messageId);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Information, Message = "Released message {MessageId} on {QueueName} at shutdown")]
    public static partial void MessageReleased(ILogger logger, string queueName, string messageId);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Information, Message = "Stopping queue listener {QueueName}: {InFlight} message(s) in flight")]
    public static partial void QueueStopping(ILogger logger, string queueName, int inFlight);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Timer {FunctionName} scheduled '{Schedule}', next at {Next:o}")]
    public static partial void TimerScheduled(ILogger logger, string functionName, string schedule, DateTimeOffset next);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Timer function {FunctionName} failed; it runs again at its next occurrence")]
    public static partial void TimerFailed(ILogger logger, Exception exception, string functionName);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Worker HTTP listening on {Address}")]
    public static partial void HttpListening(ILogger logger, string address);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "HTTP function {FunctionName} failed")]
    public static partial void HttpFunctionFailed(ILogger logger, Exception exception, string functionName);
}
