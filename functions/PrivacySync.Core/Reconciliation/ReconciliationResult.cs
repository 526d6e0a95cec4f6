using System.Globalization;
using PrivacySync.Core.Common;
using PrivacySync.Core.Reconciliation.Reporting;

namespace PrivacySync.Core.Reconciliation;

public enum ReconciliationOutcome
{
    /// <summary>This run reconciled the night and recorded it.</summary>
    Reconciled,

    /// <summary>Findings computed; nothing written.</summary>
    DryRun,

    /// <summary>An earlier run completed this night; this one changed nothing.</summary>
    AlreadyReconciled,

    /// <summary>Another run holds this night (started within the run lease); this one changed nothing.</summary>
    RunningElsewhere,
}

/// <summary>What a reconciliation run did and found; findings ordered by urgency, kind, request and system.</summary>
public sealed record ReconciliationResult(
    DateOnly Date,
    ReconciliationOutcome Outcome,
    IReadOnlyList<Finding> Findings,
    int RequestsScanned,
    ReconciliationRun? Run = null)
{
    /// <summary>The report this run wrote (a reconciled night only).</summary>
    public PublishedReport? Report { get; init; }

    /// <summary>One line for a person or a log: ids and counts only.</summary>
    public string Summary()
    {
        var date = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var counts = Run?.FindingCounts ?? Findings.GroupBy(f => f.Kind.ToWire()).ToDictionary(g => g.Key, g => g.Count());
        var found = counts.Count == 0 ? "no findings" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"));
        var repairs = Run?.Repairs ?? Findings.Count(f => f.Repaired is not null);
        var repaired = repairs == 0 ? "" : $", {repairs} repaired";
        return Outcome switch
        {
            ReconciliationOutcome.AlreadyReconciled =>
                $"{date} was already reconciled at {Run?.CompletedAt:u} ({found}{repaired}); nothing changed.",
            ReconciliationOutcome.RunningElsewhere =>
                $"{date} is being reconciled by another run (started {Run?.StartedAt:u}); nothing changed.",
            ReconciliationOutcome.DryRun =>
                $"{date} (dry run): {RequestsScanned} open request(s) scanned, {found}; nothing written.",
            _ => $"{date}: {RequestsScanned} open request(s) scanned, {found}{repaired}."
                 + (Report is { } report ? $" Report: {report.Location}" : ""),
        };
    }
}
