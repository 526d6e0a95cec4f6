using Microsoft.Extensions.Logging;

namespace PrivacySync.Functions.Teams;

/// <summary>The Teams notifications' log lines: card kinds and request ids, never the card's text or the webhook URL.</summary>
internal static partial class TeamsLog
{
    [LoggerMessage(3601, LogLevel.Warning, "Teams card {Card} for {RequestId} could not be queued ({ExceptionType}); the request goes on without it")]
    public static partial void NotQueued(ILogger logger, string card, string requestId, string exceptionType);

    [LoggerMessage(3602, LogLevel.Information, "Teams card {Card} for {RequestId} posted (attempt {Attempt}, HTTP {Status})")]
    public static partial void Posted(ILogger logger, string card, string requestId, int attempt, int status);

    [LoggerMessage(3603, LogLevel.Warning, "Teams card {Card} for {RequestId} not posted (attempt {Attempt}): {Reason}; retry in {Delay}")]
    public static partial void PostFailed(ILogger logger, string card, string requestId, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(3604, LogLevel.Error, "Teams card {Card} for {RequestId} given up after attempt {Attempt}: {Reason}")]
    public static partial void GivenUp(ILogger logger, string card, string requestId, int attempt, string reason);

    [LoggerMessage(3605, LogLevel.Information, "Teams card {Card} for {RequestId} skipped: {Why}")]
    public static partial void Skipped(ILogger logger, string card, string requestId, string why);

    [LoggerMessage(3606, LogLevel.Information, "Teams card {Card} for {RequestId} is being posted by another delivery; looking again in {Delay}")]
    public static partial void ClaimHeld(ILogger logger, string card, string requestId, TimeSpan delay);

    [LoggerMessage(3607, LogLevel.Warning, "Teams card {Card} for {RequestId} posted after its claim ran out; another delivery may post it too")]
    public static partial void ClaimLost(ILogger logger, string card, string requestId);

    [LoggerMessage(3608, LogLevel.Information, "Teams webhook {Webhook}: {Instances} instance(s) share its pace")]
    public static partial void PaceShared(ILogger logger, string webhook, int instances);

    [LoggerMessage(3609, LogLevel.Warning, "Teams webhook {Webhook}: the pace lease could not be renewed ({ErrorType}); pacing for {Instances} instance(s) as last seen")]
    public static partial void PaceLeaseFailed(ILogger logger, string webhook, string errorType, int instances);
}
