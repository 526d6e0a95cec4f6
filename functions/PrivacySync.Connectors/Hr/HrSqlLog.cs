using Microsoft.Extensions.Logging;

namespace PrivacySync.Connectors.Hr;

/// <summary>HR SQL connector events. Mapping and table names and engine error codes only; never subject data.</summary>
internal static partial class HrSqlLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "HR mapping {Mapping} validated against {Provider}: {Tables} tables")]
    public static partial void MappingValidated(ILogger logger, string mapping, string provider, int tables);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "HR erasure committed in {Mapping}: {Deleted} rows deleted, {Kept} rows kept")]
    public static partial void ErasureCommitted(ILogger logger, string mapping, long deleted, long kept);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "HR erasure in {Mapping} rolled back at step {Step}: {ErrorCode}")]
    public static partial void ErasureRolledBack(ILogger logger, string mapping, string step, string errorCode);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "HR database {Mapping} failed during {Operation}: {ErrorCode} (transient: {Transient})")]
    public static partial void DatabaseFailed(ILogger logger, string mapping, string operation, string errorCode, bool transient);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Information, Message = "HR rectification committed in {Mapping}: {Fields} field(s) corrected")]
    public static partial void RectificationCommitted(ILogger logger, string mapping, int fields);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "HR restriction {Step} committed in {Mapping}: {Tables} table(s) flagged")]
    public static partial void RestrictionCommitted(ILogger logger, string mapping, string step, int tables);
}
