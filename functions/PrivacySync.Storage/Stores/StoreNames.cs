namespace PrivacySync.Storage.Stores;

/// <summary>Tables and containers PrivacySync keeps its state in.</summary>
public static class StoreNames
{
    public const string RequestsTable = "dsrrequests";
    public const string SubmissionsTable = "dsrsubmissions";
    public const string TasksTable = "dsrtasks";
    public const string AuditTable = "dsraudit";
    public const string ReconciliationTable = "dsrreconciliation";
    public const string DeferredErasuresTable = "dsrdeferrederasures";
    public const string ReportsContainer = "dsr-reports";
    public const string QuotaSharesTable = "dsrquotashares";
    public const string RestrictionsTable = "dsrrestrictions";
    public const string PostMarksTable = "dsrpostmarks";
    public const string SubjectsContainer = "dsr-subjects";
    public const string ResultsContainer = "dsr-results";
    public const string OutputsContainer = "dsr-outputs";
}
