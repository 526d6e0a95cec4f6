using Microsoft.Extensions.Logging;

namespace PrivacySync.Connectors.HubSpot;

/// <summary>Log events of the HubSpot connector. Operation names, status codes and ids only; never an address.</summary>
internal static partial class HubSpotLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "HubSpot {Operation} answered {StatusCode} ({Policy}); retry {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, int statusCode, string? policy, int attempt, long delayMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "HubSpot {Operation} failed without an answer; retry {Attempt} in {DelayMs} ms")]
    public static partial void RetryingTransport(ILogger logger, string operation, int attempt, long delayMs, Exception exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "HubSpot daily API limit reached during {Operation}; requeue in {RetryAfter}")]
    public static partial void DailyLimit(ILogger logger, string operation, TimeSpan retryAfter);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "HubSpot {Operation} failed permanently: {StatusCode} {Category} (correlation id {CorrelationId})")]
    public static partial void Permanent(ILogger logger, string operation, int statusCode, string? category, string? correlationId);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "HubSpot connector {Action}: {ContactCount} contact(s) matched")]
    public static partial void Matched(ILogger logger, string action, int contactCount);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "HubSpot GDPR delete of contact {ContactId} confirmed")]
    public static partial void Erased(ILogger logger, string contactId);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Information, Message = "HubSpot deferred erasure: {RecordCount} retained record(s) archived")]
    public static partial void DeferredErased(ILogger logger, long recordCount);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Information, Message = "HubSpot system {SystemId}: {Instances} instance(s) share the account's quota")]
    public static partial void QuotaShared(ILogger logger, string systemId, int instances);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Warning, Message = "HubSpot system {SystemId}: the quota lease could not be renewed ({ErrorType}); pacing for {Instances} instance(s) as last seen")]
    public static partial void QuotaLeaseFailed(ILogger logger, string systemId, string errorType, int instances);
}
