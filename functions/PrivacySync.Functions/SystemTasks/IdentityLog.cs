using Microsoft.Extensions.Logging;

namespace PrivacySync.Functions.SystemTasks;

/// <summary>Identity-conflict log lines: request and system ids and counts only, never an identifier.</summary>
internal static partial class IdentityLog
{
    [LoggerMessage(3050, LogLevel.Warning, "Task {RequestId}/{SystemId} stopped on an identity conflict ({Matches} matching records); waiting for an officer")]
    public static partial void Conflict(ILogger logger, string requestId, string systemId, int matches);

    [LoggerMessage(3051, LogLevel.Information, "Task {RequestId}/{SystemId} waits for an officer's identity decision; message ignored")]
    public static partial void AwaitingOfficer(ILogger logger, string requestId, string systemId);

    [LoggerMessage(3052, LogLevel.Information, "Identity decision {Kind} on task {RequestId}/{SystemId}; the task runs again")]
    public static partial void Resolved(ILogger logger, string requestId, string systemId, string kind);
}
