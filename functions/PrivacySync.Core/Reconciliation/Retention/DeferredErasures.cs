using System.Globalization;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Core.Reconciliation.Retention;

/// <summary>
/// The nightly deferred erasure: every retained category whose end date has passed is erased through its system's
/// connector (<see cref="IDeferredEraser"/>), and the request's certificate gains a signed addendum saying so. Each step
/// records its intent before its effect, so a crash anywhere is finished by the rerun without erasing twice:
/// <list type="number">
/// <item>the rows are marked executing (the night and the attempt) before the system is called;</item>
/// <item>the system's outcome and the audit event are written onto each row in one write (status erased); a row that
/// is erased already is never sent to its system again;</item>
/// <item>the events are appended unless the trail holds them, then the addendum (with the audit head after them) is
/// created once, then the rows are marked executed.</item>
/// </list>
/// A call that follows an earlier call for the same row (a crash between the erase and its record) reports what that
/// first call erased, never "not found". A system that cannot erase by keys, or fails, gets a finding and its rows
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
            erased.AddRange(outcome.Recorded);
            if (outcome.Problem is { } problem)
            {
                findings.Add(Make(requestId, entity, FindingKind.DeferredErasureFailed, Urgency.High, system.Key, $"Retention has ended for {what}, but {problem}", outcome.Action!));
            }
        }

        // One addendum per night the erasures were taken on (a crashed earlier night's rows keep their own).
        foreach (var executed in erased.GroupBy(r => r.Value.Night!.Value).OrderBy(g => g.Key))
        {
            findings.AddRange(await StateAsync(requestId, entity, executed.Key, [.. executed], ct));
        }

        return findings;
    }

    /// <summary>Appends the rows' events (once), creates the night's addendum with the head after them, and marks the rows executed.</summary>
    private async Task<IReadOnlyList<Finding>> StateAsync(string requestId, string entity, DateOnly executedOn, List<Versioned<DeferredErasure>> rows, CancellationToken ct)
    {
        var certificate = await addenda.ReadCertificateAsync(requestId, ct);
        if (certificate is null)
        {
            // The rows stay erased (outcome and event recorded): the next night states them once the certificate reads.
            return [Make(requestId, entity, FindingKind.DeferredErasureFailed, Urgency.High, null,
                "Retained records were erased, but the request has no readable deletion certificate to add the addendum to.",
                "Check the request's certificate.json in storage; the next reconciliation tries the addendum again.")];
        }

        foreach (var pending in rows.Select(r => r.Value.PendingEvent).OfType<PendingAuditEvent>().DistinctBy(p => p.Id))
        {
            await pending.AppendAsync(audit, ct);
        }

        var results = rows
            .GroupBy(r => r.Value.SystemId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => SystemResult.Success(g.Key, configuration.FindSystem(g.Key)?.DisplayName ?? g.Key, [.. g.Select(r => r.Value.Result!)]))
            .ToList();
        var head = (await audit.HeadAsync(requestId, ct))?.Head;
        var addendum = await addenda.IssueAsync(requestId, certificate, executedOn, AddendumReason.RetentionEnded, results, head, ct);
        foreach (var row in rows)
        {
            // A lost race means another run took the night over and records the same addendum.
            await store.TryReplaceAsync(
                row.Value with
                {
                    Status = DeferredErasureStatus.Executed, AddendumId = addendum.AddendumId, Outcome = row.Value.Result!.Kind, PendingEvent = null,
                    ExecutedAt = time.GetUtcNow(),
                },
                row.ETag,
                ct);
        }

        return results.Select(result => Make(requestId, entity, FindingKind.DeferredErasure, Urgency.Normal, result.SystemId,
                $"Retention ended for {string.Join(", ", rows.Where(r => r.Value.SystemId == result.SystemId).Select(r => $"{r.Value.Category} (until {Date(r.Value.RetainedUntil)})"))}.",
                "Nothing: it was erased and the certificate has a signed addendum.") with
            {
                Repaired = $"Erased: {string.Join(", ", result.Categories.Select(c => $"{c.Category} {c.Kind.ToWire()} ({c.RecordCount})"))}; addendum {addendum.FileName} ({addendum.AddendumId}).",
            })
            .ToList();
    }

    /// <summary>
    /// Marks the system's rows executing, calls its deferred erasure for those not erased yet, and records each row's
    /// outcome with its event; the rows recorded (now or by an earlier run) are returned, a problem leaves the rest due.
    /// </summary>
    private async Task<SystemErasure> EraseSystemAsync(List<Versioned<DeferredErasure>> rows, NightlyContext night, CancellationToken ct)
    {
        var recorded = rows.Where(r => r.Value.Status == DeferredErasureStatus.Erased).ToList();
        var open = rows.Where(r => r.Value.Status != DeferredErasureStatus.Erased).ToList();
        if (open.Count == 0)
        {
            return new SystemErasure(recorded, null, null);
        }

        var systemId = rows[0].Value.SystemId;
        var system = configuration.FindSystem(systemId);
        if (system is null)
        {
            return SystemErasure.Failed(recorded, $"system {systemId} is no longer configured.", "Erase the records by hand, or restore the system's configuration.");
        }

        IConnector connector;
        try
        {
            connector = await connectors.CreateAsync(system, ct);
        }
        catch (Exception e) when (e is PermanentConnectorException or TransientConnectorException)
        {
            return SystemErasure.Failed(recorded, $"the connector could not be set up: {PersonalDataGuard.Redact(e.Message)}", "Remove the cause; the next reconciliation tries again.");
        }

        if (connector is not IDeferredEraser eraser)
        {
            return SystemErasure.Failed(
                recorded,
                $"{system.DisplayName ?? systemId} ({system.Kind}) cannot erase retained records by their keys.",
                $"Erase {string.Join(", ", open.Select(r => $"{r.Value.RecordCount} record(s) of {r.Value.Category}"))} by hand in {system.DisplayName ?? systemId}; this finding repeats every night until the system can do it.");
        }

        var marked = new List<Versioned<DeferredErasure>>();
        foreach (var row in open)
        {
            // The intent: the night (kept from an earlier attempt) and the attempt, before any side effect.
            var executing = row.Value with { Status = DeferredErasureStatus.Executing, Night = row.Value.Night ?? night.Date, Attempts = row.Value.Attempts + 1 };
            var etag = await store.TryReplaceAsync(executing, row.ETag, ct);
            if (etag is null)
            {
                return SystemErasure.Failed(recorded, "another run changed its schedule at the same time.", "Nothing: that run erases it.");
            }

            marked.Add(new Versioned<DeferredErasure>(executing, etag));
        }

        SystemOutcome outcome;
        try
        {
            // As of the night the rows were first taken on, so a later rerun erases exactly what the first call set out to.
            outcome = await eraser.EraseRetainedAsync([.. marked.Select(r => r.Value.Retained)], marked.Max(r => r.Value.Night!.Value), ct);
        }
        catch (Exception e) when (e is PermanentConnectorException or TransientConnectorException)
        {
            return SystemErasure.Failed(recorded, $"the erasure failed: {PersonalDataGuard.Redact(e.Message)}", "Remove the cause; the next reconciliation tries again.");
        }

        if (outcome.Categories.FirstOrDefault(c => c.Kind == OutcomeKind.Failed) is { } failed)
        {
            return SystemErasure.Failed(recorded, $"the erasure of {failed.Category} failed: {failed.Reason}", "Remove the cause; the next reconciliation tries again.");
        }

        var categories = string.Join(",", rows.Select(r => r.Value.Category).Order(StringComparer.Ordinal));
        foreach (var row in marked)
        {
            var result = FirstOutcome(row.Value, outcome);
            var executedOn = row.Value.Night!.Value;
            var addendumId = AddendumIssuer.AddendumId(row.Value.RequestId, executedOn, AddendumReason.RetentionEnded);
            // Named by night and system, with the system's categories: every row of the system records the same event.
            var pending = PendingAuditEvent.Named(
                $"{AuditActions.DeferredErasure}-{executedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{systemId}",
                new AuditEntry(row.Value.RequestId, AuditActors.System, AuditActions.DeferredErasure, systemId, Outcome: addendumId,
                    Details: new Dictionary<string, string> { ["night"] = Date(executedOn), ["categories"] = categories }));
            var erased = row.Value with { Status = DeferredErasureStatus.Erased, Result = result, PendingEvent = pending };
            var etag = await store.TryReplaceAsync(erased, row.ETag, ct);
            if (etag is null)
            {
                return SystemErasure.Failed(recorded, "another run changed its schedule at the same time.", "Nothing: that run records it.");
            }

            recorded.Add(new Versioned<DeferredErasure>(erased, etag));
        }

        return new SystemErasure(recorded, null, null);
    }

    /// <summary>
    /// The row's category in the system's answer. On a later attempt, records the first attempt set out to erase and
    /// that are now gone were erased by it: "not found" (or no answer) is stated as erased, with the scheduled count.
    /// </summary>
    private static CategoryOutcome FirstOutcome(DeferredErasure row, SystemOutcome outcome)
    {
        var answered = outcome.Categories.FirstOrDefault(c => c.Category == row.Category)
            ?? new CategoryOutcome(row.Category, OutcomeKind.NotFound, 0, LegalBasis: row.LegalBasis);
        var intent = new ErasureIntent(row.ScheduledAt, RecordedInAttempt: 1, [new DataCategory(row.Category, row.RecordCount, answered.Purpose ?? "", row.LegalBasis ?? answered.LegalBasis ?? "")]);
        var stated = intent.Reconcile(new SystemOutcome([answered]), row.Attempts).Categories.Single();
        return stated with { RecordKeys = null };
    }

    private static Finding Make(string requestId, string entity, FindingKind kind, Urgency urgency, string? systemId, string problem, string action) =>
        new(requestId, entity, kind, urgency, problem, action, systemId);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <param name="Recorded">The system's rows whose outcome and event are recorded (now or by an earlier run).</param>
    private sealed record SystemErasure(IReadOnlyList<Versioned<DeferredErasure>> Recorded, string? Problem, string? Action)
    {
        public static SystemErasure Failed(IReadOnlyList<Versioned<DeferredErasure>> recorded, string problem, string action) => new(recorded, problem, action);
    }
}
