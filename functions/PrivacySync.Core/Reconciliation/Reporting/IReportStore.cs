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

    /// <summary>Where a night's files are (container/folder/), as <see cref="NightlySummary.ReportLocation"/> names it.</summary>
    string Location(DateOnly date);
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

/// <summary>What the office is told each night: counts and ids only, and where the full report is.</summary>
/// <param name="ReportLocation">Container/folder of the night's files, e.g. dsr-reports/reports/2026-12-01/.</param>
/// <param name="ApiPath">The officers' API path of the report, e.g. /api/reports/2026-12-01.</param>
/// <param name="Entities">The same per legal entity (an entity with no findings has none here), for each entity's channel.</param>
public sealed record NightlySummary(
    DateOnly Date,
    int RequestsScanned,
    IReadOnlyDictionary<Urgency, int> CountsByUrgency,
    IReadOnlyDictionary<string, int> CountsByKind,
    int Repairs,
    string ReportLocation,
    string ApiPath,
    IReadOnlyList<EntityNightlySummary>? Entities = null)
{
    /// <summary>The summary of <paramref name="report"/>, whose files are at <paramref name="location"/>.</summary>
    public static NightlySummary Of(ReconciliationReport report, string location)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new NightlySummary(
            report.Date, report.RequestsScanned, report.CountsByUrgency, report.CountsByKind, report.Findings.Count(f => f.Repaired is not null), location,
            "/api/reports/" + report.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            EntityNightlySummary.From(report.Findings));
    }

    /// <summary>The entity's part of the summary; empty (no findings) when it had none.</summary>
    public EntityNightlySummary For(string entityId) =>
        Entities?.FirstOrDefault(e => string.Equals(e.EntityId, entityId, StringComparison.Ordinal))
        ?? new EntityNightlySummary(entityId, new Dictionary<FindingKind, int>(), 0, []);
}

/// <summary>One entity's night: finding counts by kind, repairs, and the findings that need a person (ids and kinds, most urgent first).</summary>
public sealed record EntityNightlySummary(
    string EntityId, IReadOnlyDictionary<FindingKind, int> CountsByKind, int Repairs, IReadOnlyList<FindingReference> Attention)
{
    /// <summary>The entity's part of the night's findings.</summary>
    public static IReadOnlyList<EntityNightlySummary> From(IEnumerable<Finding> findings) =>
        [.. findings
            .GroupBy(f => f.LegalEntityId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EntityNightlySummary(
                g.Key,
                g.GroupBy(f => f.Kind).ToDictionary(k => k.Key, k => k.Count()),
                g.Count(f => f.Repaired is not null),
                [.. g.Where(f => f.Urgency != Urgency.Normal && f.Repaired is null)
                    .OrderBy(f => f.Urgency).ThenBy(f => f.Kind).ThenBy(f => f.RequestId, StringComparer.Ordinal)
                    .Select(f => new FindingReference(f.RequestId, f.Kind, f.Urgency, f.SystemId))]))];

    public int Count(params FindingKind[] kinds) => kinds.Sum(k => CountsByKind.TryGetValue(k, out var n) ? n : 0);
}

/// <summary>A finding by its ids and kind only: no problem text (it may grow to say more than a channel should read).</summary>
public sealed record FindingReference(string RequestId, FindingKind Kind, Urgency Urgency, string? SystemId);
