using Microsoft.Extensions.Logging;

namespace PrivacySync.Functions.Auth;

/// <summary>Authentication log lines: reason codes only — never a token, an object id or an officer's name.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 3051, Level = LogLevel.Warning, Message = "API call refused (401): {Reason}")]
    public static partial void Unauthenticated(ILogger logger, string reason);

    [LoggerMessage(EventId = 3052, Level = LogLevel.Warning, Message = "API call refused (403): {Reason}")]
    public static partial void Forbidden(ILogger logger, string reason);

    [LoggerMessage(EventId = 3053, Level = LogLevel.Error, Message = "The tenant's OpenID metadata is unreachable; bearer tokens cannot be checked")]
    public static partial void MetadataUnavailable(ILogger logger);
}
