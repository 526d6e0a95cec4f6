using System.Text;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Reconciliation.Reporting;

/// <summary>
/// Writes the night's report files (JSON last: its presence marks a complete report, which is what "latest" finds)
/// and hands the summary to the registered sinks. Health is read here, over the 24 hours before the night's clock.
/// </summary>
public sealed class ReportPublisher(IReportStore reports, ITaskActivity activity, IEnumerable<INightlySummarySink> sinks, ReconciliationOptions options)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<PublishedReport> PublishAsync(
        DateOnly date, DateTimeOffset now, int scanned, IReadOnlyList<Finding> findings, IEnumerable<int> daysLeft, CancellationToken cancellationToken)
    {
        var recent = new List<Tasks.SystemTask>();
        await foreach (var page in activity.ListChangedSinceAsync(now - TimeSpan.FromHours(24), options.BatchSize, cancellationToken))
        {
            recent.AddRange(page.Where(t => t.UpdatedAt <= now));
        }

        var report = new ReconciliationReport(date, now, scanned, findings, SystemHealth.From(recent), DaysLeftBucket.From(daysLeft));
        await reports.SaveAsync(date, ReconciliationReport.HtmlFile, Utf8.GetBytes(ReportFiles.Html(report)), "text/html; charset=utf-8", cancellationToken);
        using (var csv = new MemoryStream())
        {
            await ReportFiles.WriteCsvAsync(report, csv, cancellationToken);
            await reports.SaveAsync(date, ReconciliationReport.CsvFile, csv.ToArray(), "text/csv; charset=utf-8", cancellationToken);
        }

        var json = await reports.SaveAsync(date, ReconciliationReport.JsonFile, Utf8.GetBytes(ReportFiles.Json(report).ToString()), "application/json", cancellationToken);
        var location = json[..(json.LastIndexOf('/') + 1)];
        var summary = NightlySummary.Of(report, location);
        var failed = new List<string>();
        foreach (var sink in sinks)
        {
            try
            {
                await sink.PublishAsync(summary, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
            {
                failed.Add($"{sink.GetType().Name}: {PersonalDataGuard.Redact(e.GetType().Name)}");
            }
        }

        return new PublishedReport(location, summary, failed);
    }

    /// <summary>
    /// The summary of a night's stored report, as its sinks were given it (null when the night has no complete report):
    /// what a sink that was handed only the night, such as a queued notification, tells from.
    /// </summary>
    public async Task<NightlySummary?> ReadSummaryAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var stored = await reports.OpenAsync(date, ReconciliationReport.JsonFile, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        using var reader = new StreamReader(stored.Content, Utf8);
        var report = ReportFiles.ReadJson(await reader.ReadToEndAsync(cancellationToken));
        return NightlySummary.Of(report, reports.Location(date));
    }
}

/// <summary>Where the report went, the summary the sinks got, and which sinks failed (by type).</summary>
public sealed record PublishedReport(string Location, NightlySummary Summary, IReadOnlyList<string> FailedSinks);
