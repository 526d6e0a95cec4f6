using Microsoft.Extensions.Logging;

namespace PrivacySync.Functions.Api;

/// <summary>The request API's log lines: request ids, codes and counts only — never the subject's data or an officer's text.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Request {RequestId} submitted ({Status})")]
    public static partial void Submitted(ILogger logger, string requestId, string status);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Submission of request {RequestId} repeated; answered with the stored request")]
    public static partial void Resubmitted(ILogger logger, string requestId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "{Function} refused: {ErrorCount} invalid field(s)")]
    public static partial void Invalid(ILogger logger, string function, int errorCount);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Access denied to {Operation}; recorded in audit chain {Chain}")]
    public static partial void AccessDenied(ILogger logger, string operation, string chain);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Request {RequestId} queued on {Queue} for dispatch")]
    public static partial void DispatchQueued(ILogger logger, string requestId, string queue);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Decision {Decision} on request {RequestId}: now {Status}")]
    public static partial void Decided(ILogger logger, string decision, string requestId, string status);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Decision {Decision} on request {RequestId} lost a concurrent update twice")]
    public static partial void DecisionRaceLost(ILogger logger, string decision, string requestId);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Output {File} of request {RequestId} downloaded")]
    public static partial void Downloaded(ILogger logger, string file, string requestId);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Download link refused for output {File} of request {RequestId}: bad or expired signature")]
    public static partial void DownloadRefused(ILogger logger, string file, string requestId);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Request {RequestId} was bound to its submission but not stored; creating it now")]
    public static partial void CompletingInterruptedSubmission(ILogger logger, string requestId);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Submission id of request {RequestId} reused with a different {Field}; refused")]
    public static partial void SubmissionReused(ILogger logger, string requestId, string field);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Download link for output {File} of request {RequestId} issued")]
    public static partial void LinkIssued(ILogger logger, string file, string requestId);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Review items of request {RequestId} listed: {Items} item(s)")]
    public static partial void ReviewListed(ILogger logger, string requestId, int items);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "Review of request {RequestId}: {Decided} item(s) decided, {Undecided} left")]
    public static partial void ReviewDecided(ILogger logger, string requestId, int decided, int undecided);
}
