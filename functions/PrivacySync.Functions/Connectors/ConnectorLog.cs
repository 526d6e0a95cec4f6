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

    [LoggerMessage(3104, LogLevel.Warning, "System {SystemId}: no configured category covers the connector's categories {Categories}; the subject is told the connector's built-in purpose, legal basis and retention for them")]
    public static partial void CategoriesFromConnector(this ILogger logger, string systemId, string categories);

    [LoggerMessage(3105, LogLevel.Warning, "System {SystemId}: configured categories {Categories} cover none of the categories the connector reports; add the connector's names to their ConnectorCategories")]
    public static partial void CategoriesUnused(this ILogger logger, string systemId, string categories);

    [LoggerMessage(3106, LogLevel.Information, "System {SystemId}: every category the connector reports is described by the configuration")]
    public static partial void CategoriesFromConfiguration(this ILogger logger, string systemId);
}
