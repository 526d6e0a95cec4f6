using System.Globalization;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;

namespace PrivacySync.Core.Reconciliation.Retention;

/// <summary>
/// The nightly deferred erasure: every retained category whose end date has passed is erased through its system's
/// connector (<see cref="IDeferredEraser"/>), and the request's certificate gains a signed addendum saying so. Each row
/// is marked executing (with the night) before its system is called, and executed (with the addendum) after the
/// addendum is stored, so a crash in between is finished by the rerun: the connector's erasure is idempotent and the
/// addendum is rewritten under the same id. A system that cannot erase by keys, or fails, gets a finding and its rows
/// stay due, so the next night tries again.
/// </summary>
public sealed class DeferredErasures(
    IDeferredErasureStore store,
    IConnectorSource connectors,
    PrivacySyncOptions configuration,
    AddendumIssuer addenda,
    IAuditLog audit,
    ReconciliationOptions options,
    TimeProvider time) : INightlyDuty
{
    public async Task<IReadOnlyList<Finding>> RunAsync(NightlyContext night, CancellationToken cancellationToken)
    {
        // Rows of one request may sit on several dates (pages): gather them first; a night's due rows are keys only.
        var due = new Dictionary<string, List<Versioned<DeferredErasure>>>(StringComparer.Ordinal);
        await foreach (var page in store.ListDueAsync(night.Date, options.BatchSize, cancellationToken))
        {
            foreach (var row in page)
            {
                (due.TryGetValue(row.Value.RequestId, out var list) ? list : due[row.Value.RequestId] = []).Add(row);
            }
        }

        var findings = new List<Finding>();
        foreach (var (requestId, rows) in due.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            findings.AddRange(await EraseRequestAsync(requestId, rows, night, cancellationToken));
        }

        return findings;
    }

    private async Task<IReadOnlyList<Finding>> EraseRequestAsync(
        string requestId, List<Versioned<DeferredErasure>> rows, NightlyContext night, CancellationToken ct)
    {
        var findings = new List<Finding>();
        var entity = rows[0].Value.LegalEntityId;
        var results = new List<SystemResult>();
        var erased = new List<Versioned<DeferredErasure>>();
        foreach (var system in rows.GroupBy(r => r.Value.SystemId, StringComparer.Ordinal))
        {
            var list = system.ToList();
            var what = string.Join(", ", list.Select(r => $"{r.Value.Category} (retained until {Date(r.Value.RetainedUntil)})"));
            if (night.DryRun)
            {
                findings.Add(Make(requestId, entity, FindingKind.DeferredErasure, Urgency.Normal, system.Key,
                    $"Retention has ended for {what}.", "The reconciliation erases it tonight and adds a signed addendum to the certificate."));
                continue;
            }

            var outcome = await EraseSystemAsync(list, night, ct);
            if (outcome.Problem is { } problem)
            {
                findings.Add(Make(requestId, entity, FindingKind.DeferredErasureFailed, Urgency.High, system.Key, $"Retention has ended for {what}, but {problem}", outcome.Action!));
                continue;
            }

            var name = configuration.FindSystem(system.Key)?.DisplayName ?? system.Key;
            results.Add(SystemResult.Success(system.Key, name, outcome.Categories!));
            erased.AddRange(outcome.Rows!);
        }

        if (results.Count == 0)
        {
            return findings;
        }

        var addendum = await addenda.IssueAsync(requestId, night.Date, AddendumReason.RetentionEnded, results, ct);
        if (addendum is null)
        {
            findings.Add(Make(requestId, entity, FindingKind.DeferredErasureFailed, Urgency.High, null,
                "Retained records were erased, but the request has no readable deletion certificate to add the addendum to.",
                "Check the request's certificate.json in storage; the next reconciliation tries the addendum again."));
            return findings;
        }

        foreach (var row in erased)
        {
            var outcome = results.First(r => r.SystemId == row.Value.SystemId).Categories.FirstOrDefault(c => c.Category == row.Value.Category)?.Kind ?? OutcomeKind.Erased;
            // A lost race means another run took the night over and records the same addendum.
            await store.TryReplaceAsync(
                row.Value with { Status = DeferredErasureStatus.Executed, AddendumId = addendum.AddendumId, Outcome = outcome, ExecutedAt = time.GetUtcNow() },
                row.ETag,
                ct);
        }

        foreach (var result in results)
        {
            await audit.AppendAsync(
                new AuditEntry(requestId, AuditActors.System, AuditActions.DeferredErasure, result.SystemId, Outcome: addendum.AddendumId,
                    Details: new Dictionary<string, string>
                    {
                        ["night"] = Date(night.Date),
                        ["categories"] = string.Join(",", result.Categories.Select(c => c.Category)),
                    }),
                ct);
            var stated = string.Join(", ", result.Categories.Select(c => $"{c.Category} {c.Kind.ToWire()} ({c.RecordCount})"));
            findings.Add(Make(requestId, entity, FindingKind.DeferredErasure, Urgency.Normal, result.SystemId,
                $"Retention ended for {string.Join(", ", erased.Where(r => r.Value.SystemId == result.SystemId).Select(r => $"{r.Value.Category} (until {Date(r.Value.RetainedUntil)})"))}.",
                "Nothing: it was erased and the certificate has a signed addendum.") with
            {
                Repaired = $"Erased: {stated}; addendum {addendum.FileName} ({addendum.AddendumId}).",
            });
        }

        return findings;
    }

    /// <summary>Marks the rows executing, then runs the system's deferred erasure; a problem leaves them due.</summary>
    private async Task<SystemErasure> EraseSystemAsync(List<Versioned<DeferredErasure>> rows, NightlyContext night, CancellationToken ct)
    {
        var systemId = rows[0].Value.SystemId;
        var system = configuration.FindSystem(systemId);
        if (system is null)
        {
            return SystemErasure.Failed($"system {systemId} is no longer configured.", "Erase the records by hand, or restore the system's configuration.");
        }

        IConnector connector;
        try
        {
            connector = await connectors.CreateAsync(system, ct);
        }
        catch (Exception e) when (e is PermanentConnectorException or TransientConnectorException)
        {
            return SystemErasure.Failed($"the connector could not be set up: {PersonalDataGuard.Redact(e.Message)}", "Remove the cause; the next reconciliation tries again.");
        }

        if (connector is not IDeferredEraser eraser)
        {
            return SystemErasure.Failed(
                $"{system.DisplayName ?? systemId} ({system.Kind}) cannot erase retained records by their keys.",
                $"Erase {string.Join(", ", rows.Select(r => $"{r.Value.RecordCount} record(s) of {r.Value.Category}"))} by hand in {system.DisplayName ?? systemId}; this finding repeats every night until the system can do it.");
        }

        var marked = new List<Versioned<DeferredErasure>>();
        foreach (var row in rows)
        {
            var executing = row.Value with { Status = DeferredErasureStatus.Executing, Night = night.Date };
            var etag = await store.TryReplaceAsync(executing, row.ETag, ct);
            if (etag is null)
            {
                return SystemErasure.Failed("another run changed its schedule at the same time.", "Nothing: that run erases it.");
            }

            marked.Add(new Versioned<DeferredErasure>(executing, etag));
        }

        SystemOutcome outcome;
        try
        {
            outcome = await eraser.EraseRetainedAsync([.. rows.Select(r => r.Value.Retained)], night.Date, ct);
        }
        catch (Exception e) when (e is PermanentConnectorException or TransientConnectorException)
        {
            return SystemErasure.Failed($"the erasure failed: {PersonalDataGuard.Redact(e.Message)}", "Remove the cause; the next reconciliation tries again.");
        }

        if (outcome.Categories.FirstOrDefault(c => c.Kind == OutcomeKind.Failed) is { } failed)
        {
            return SystemErasure.Failed($"the erasure of {failed.Category} failed: {failed.Reason}", "Remove the cause; the next reconciliation tries again.");
        }

        return new SystemErasure(outcome.Categories, marked, null, null);
    }

    private static Finding Make(string requestId, string entity, FindingKind kind, Urgency urgency, string? systemId, string problem, string action) =>
        new(requestId, entity, kind, urgency, problem, action, systemId);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record SystemErasure(
        IReadOnlyList<CategoryOutcome>? Categories, IReadOnlyList<Versioned<DeferredErasure>>? Rows, string? Problem, string? Action)
    {
        public static SystemErasure Failed(string problem, string action) => new(null, null, problem, action);
    }
}
