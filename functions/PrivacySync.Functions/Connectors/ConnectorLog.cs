using Microsoft.Extensions.Logging;

namespace PrivacySync.Functions.Connectors;

/// <summary>Connector set-up log lines: system ids and kinds only.</summary>
internal static partial class ConnectorLog
{
    [LoggerMessage(3101, LogLevel.Information, "System {SystemId} ({Kind}) is ready")]
    public static partial void SystemReady(this ILogger logger, string systemId, string kind);

    [LoggerMessage(3102, LogLevel.Information, "System {SystemId} runs on queue {Queue}, which this process does not serve; not set up here")]
    public static partial void SystemNotServed(this ILogger logger, string systemId, string queue);

    [LoggerMessage(3103, LogLevel.Warning, "System {SystemId} could not be reached at start ({Reason}); it is set up again by its first task")]
    public static partial void SystemUnreachable(this ILogger logger, string systemId, string reason);
}
