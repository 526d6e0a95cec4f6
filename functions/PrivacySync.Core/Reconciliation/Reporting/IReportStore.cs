using PrivacySync.Core.Persistence;

namespace PrivacySync.Core.Reconciliation.Reporting;

/// <summary>The nightly reports, one folder per night (<see cref="ReconciliationReport.Folder"/>).</summary>
public interface IReportStore
{
    /// <summary>Writes (or rewrites) one file of a night's report; returns where it is (container/blob).</summary>
    Task<string> SaveAsync(DateOnly date, string fileName, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>Null when that night has no such file.</summary>
    Task<OutputContent?> OpenAsync(DateOnly date, string fileName, CancellationToken cancellationToken);

    /// <summary>The latest night with a complete report (its JSON file), or null when there is none.</summary>
    Task<DateOnly?> LatestAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Where the night's summary goes to the privacy office. The Teams notification implements it (posting to the
/// Workflows webhook); until one is registered the report alone is the summary. A sink that fails does not fail the
/// night: the report is already stored, and the failure is reported as the run's result says.
/// </summary>
public interface INightlySummarySink
{
    Task PublishAsync(NightlySummary summary, CancellationToken cancellationToken);
}

/// <summary>What the office is told each night: counts only, and where the full report is.</summary>
/// <param name="ReportLocation">Container/folder of the night's files, e.g. dsr-reports/reports/2026-12-01/.</param>
/// <param name="ApiPath">The officers' API path of the report, e.g. /api/reports/2026-12-01.</param>
public sealed record NightlySummary(
    DateOnly Date,
    int RequestsScanned,
    IReadOnlyDictionary<Urgency, int> CountsByUrgency,
    IReadOnlyDictionary<string, int> CountsByKind,
    int Repairs,
    string ReportLocation,
    string ApiPath);
