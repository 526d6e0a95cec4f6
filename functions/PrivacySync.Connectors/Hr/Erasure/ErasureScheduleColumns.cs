namespace PrivacySync.Connectors.Hr.Mapping;

/// <summary>
/// Columns of the erasure schedule table kept in the HR database itself, written in the erasure's own
/// transaction so the recorded dates can never disagree with what was retained. One row per retained table
/// per subject root row; <c>erase_on</c> is NULL while the date cannot be known yet (e.g. contract still running).
/// </summary>
internal static class ErasureScheduleColumns
{
    public const string RootTable = "root_table";
    public const string RootKey = "root_key";
    public const string TableName = "table_name";
    public const string EraseOn = "erase_on";
    public const string LegalBasis = "legal_basis";
    public const string ScheduledAt = "scheduled_at";

    public static IReadOnlyList<string> All { get; } = [RootTable, RootKey, TableName, EraseOn, LegalBasis, ScheduledAt];
}
