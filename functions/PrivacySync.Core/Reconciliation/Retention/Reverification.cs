using System.Globalization;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Core.Reconciliation.Retention;

/// <summary>
/// Re-verification after erasure: for the entity's <see cref="ReverificationOptions.Days"/> after an erasure completed,
/// each system that took part runs its discovery again. Categories the erasure retained do not count; anything else
/// found is a finding, and where the entity's <see cref="ReverificationOptions.EraseAgain"/> says so it is erased again
/// and the certificate gains a signed addendum (reason found-again). A dry run discovers but erases nothing.
/// <para>
/// Erasing again is crash-safe like the task runner's erasure: the intent (night, system, what discovery found) is
/// appended to the trail under a key before the system is called, the outcome under another key right after, and the
/// night's addendum is built from those outcome events. A rerun finishes an intent without an outcome (erasing again
/// with the same idempotency key and stating what the first call erased, never "not found"), and issues an addendum
/// whose outcomes are recorded but which the request does not list yet; every event is kept once.
/// </para>
/// </summary>
public sealed class Reverification(
    ITaskStore tasks,
    ISubjectStore subjects,
    IConnectorSource connectors,
    PrivacySyncOptions configuration,
    AddendumIssuer addenda,
    IAuditLog audit) : IFinishedRequestDuty
{
    public async Task<IReadOnlyList<Finding>> InspectAsync(DataSubjectRequest request, NightlyContext night, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(night);
        var rule = configuration.FindEntity(request.LegalEntityId)?.Reverification;
        var completedOn = DateOnly.FromDateTime((request.CompletedAt ?? request.UpdatedAt).UtcDateTime);
        // A few nights past the window still finish what a crashed night began.
        if (request.Type != RequestType.Erasure || request.Status == RequestStatus.Rejected || request.MinimisedAt is not null
            || rule is not { Days: > 0 } || night.Date <= completedOn || night.Date > completedOn.AddDays(rule.Days + RecoveryNights))
        {
            return [];
        }

        var subject = await subjects.GetAsync(request.RequestId, cancellationToken);
        if (subject is null)
        {
            return [];
        }

        var trail = await audit.ReadAsync(request.RequestId, cancellationToken);
        var begun = trail.Where(e => e.Action == AuditActions.FoundAfterErasure && e.Outcome == ErasingOutcome).ToList();
        var stated = trail.Where(e => e.Action == AuditActions.FoundAfterErasure && e.Outcome == ErasedAgainOutcome).Select(Key).ToHashSet();
        var unfinished = begun.Where(e => !stated.Contains(Key(e))).ToList();
        var inWindow = night.Date <= completedOn.AddDays(rule.Days);
        if (!inWindow && unfinished.Count == 0 && stated.All(k => request.Outputs.Contains(AddendumIssuer.FileName(k.Night, AddendumReason.FoundAgain), StringComparer.Ordinal)))
        {
            return [];
        }

        var findings = new List<Finding>();
        var erasedAgain = new List<SystemResult>();
        var nights = new HashSet<DateOnly>(stated.Select(k => k.Night).Where(n => !request.Outputs.Contains(AddendumIssuer.FileName(n, AddendumReason.FoundAgain), StringComparer.Ordinal)));
        var tonight = new HashSet<string>(begun.Where(e => Key(e).Night == night.Date).Select(e => e.SystemId!), StringComparer.Ordinal);
        foreach (var task in (await tasks.ListAsync(request.RequestId, cancellationToken)).Select(t => t.Value).Where(t => t.Status == SystemTaskStatus.Succeeded))
        {
            var system = configuration.FindSystem(task.SystemId);
            if (system is null)
            {
                continue;
            }

            if (unfinished.Where(e => e.SystemId == task.SystemId).ToList() is { Count: > 0 } interrupted)
            {
                findings.AddRange(await FinishAsync(request, task, system, subject, interrupted, night, erasedAgain, nights, cancellationToken));
                continue;
            }

            if (!inWindow || tonight.Contains(task.SystemId))
            {
                continue; // past the window, or erased again tonight already (the addendum is seen to above)
            }

            var name = system.DisplayName ?? system.Id!;
            try
            {
                var connector = await connectors.CreateAsync(system, cancellationToken);
                var retained = (task.Outcome?.Categories ?? []).Where(c => c.Kind == OutcomeKind.Retained).Select(c => c.Category).ToHashSet(StringComparer.Ordinal);
                // The subject as the task saw it, with the officers' identity decisions for this system applied.
                var seen = task.SubjectFor(subject);
                var discovery = await connector.DiscoverAsync(seen, cancellationToken);
                var again = discovery.Found ? discovery.Categories.Where(c => !retained.Contains(c.Name) && c.RecordCount > 0).ToList() : [];
                if (again.Count == 0)
                {
                    continue;
                }

                var what = string.Join(", ", again.Select(c => $"{c.Name} ({c.RecordCount})"));
                var problem = $"Erased {Date(completedOn)}, but {name} holds the subject again: {what}.";
                if (night.DryRun || !rule.EraseAgain)
                {
                    findings.Add(Make(request, FindingKind.FoundAfterErasure, task.SystemId, problem,
                        rule.EraseAgain
                            ? "The reconciliation erases it again tonight and adds a signed addendum to the certificate."
                            : "Find out how the data came back (a form, an import), erase it in the system, and stop the source if it should not have."));
                    if (!night.DryRun)
                    {
                        await AuditAsync(request.RequestId, task.SystemId, "reported", night, cancellationToken);
                    }

                    continue;
                }

                // The intent before the effect: a crash after the erase leaves it on the trail for the rerun to finish.
                await audit.AppendAsync(new AuditEntry(request.RequestId, AuditActors.System, AuditActions.FoundAfterErasure, task.SystemId, ErasingOutcome,
                    new Dictionary<string, string> { ["night"] = Date(night.Date), [FoundDetail] = CoreJson.Serialize(again) },
                    OnceKey: $"found-again-intent:{Date(night.Date)}:{task.SystemId}"), cancellationToken);
                var outcome = await EraseAgainAsync(connector, seen, request.RequestId, task.SystemId, night.Date, cancellationToken);
                erasedAgain.Add(await StateAsync(request.RequestId, task.SystemId, name, night.Date, outcome, cancellationToken));
                nights.Add(night.Date);
                findings.Add(Make(request, FindingKind.FoundAfterErasure, task.SystemId, problem,
                    "Find out how the data came back (a form, an import) and stop the source if it should not have."));
            }
            catch (IdentityConflictException e)
            {
                // The identifiers now reach someone else too: nothing is erased again without an officer.
                findings.Add(Make(request, FindingKind.FoundAfterErasure, task.SystemId,
                    $"Could not re-verify the erasure in {name}: identity conflict ({PersonalDataGuard.Redact(e.Resolution.Conflict ?? "")}); nothing was erased again.",
                    "Check in the system which record is the subject's and erase it there by hand if it came back."));
            }
            catch (Exception e) when (e is PermanentConnectorException or TransientConnectorException)
            {
                findings.Add(Make(request, FindingKind.FoundAfterErasure, task.SystemId,
                    $"Could not re-verify the erasure in {name}: {PersonalDataGuard.Redact(e.Message)}.",
                    "Nothing, if the system is served elsewhere (on premises); otherwise remove the cause — the next night tries again.") with { Urgency = Urgency.Normal });
            }
        }

        if (nights.Count == 0)
        {
            return findings;
        }

        // One addendum per night, from the outcome events on the trail (the head after them), created once.
        var certificate = await addenda.ReadCertificateAsync(request.RequestId, cancellationToken);
        var issued = new Dictionary<DateOnly, IssuedAddendum>();
        if (certificate is not null)
        {
            var events = await audit.ReadAsync(request.RequestId, cancellationToken);
            var head = (await audit.HeadAsync(request.RequestId, cancellationToken))?.Head;
            foreach (var day in nights.Order())
            {
                var results = events
                    .Where(e => e.Action == AuditActions.FoundAfterErasure && e.Outcome == ErasedAgainOutcome && Key(e).Night == day
                        && e.Details!.ContainsKey(OutcomeDetail))
                    .OrderBy(e => e.SystemId, StringComparer.Ordinal)
                    .Select(e => SystemResult.Success(e.SystemId!, configuration.FindSystem(e.SystemId!)?.DisplayName ?? e.SystemId!,
                        CoreJson.Deserialize<List<CategoryOutcome>>(e.Details![OutcomeDetail])))
                    .ToList();
                issued[day] = await addenda.IssueAsync(request.RequestId, certificate, day, AddendumReason.FoundAgain, results, head, cancellationToken);
            }
        }

        var erasedIds = erasedAgain.Select(r => r.SystemId).ToHashSet(StringComparer.Ordinal);
        var addendum = issued.Values.LastOrDefault();
        return findings
            .Select(f => f.Kind == FindingKind.FoundAfterErasure && f.SystemId is { } id && erasedIds.Contains(id) && f.Repaired is null
                ? f with
                {
                    Repaired = $"Erased again: {string.Join(", ", erasedAgain.First(r => r.SystemId == id).Categories.Select(c => $"{c.Category} {c.Kind.ToWire()} ({c.RecordCount})"))}"
                        + (addendum is null ? "; the request has no certificate to add an addendum to." : $"; addendum {addendum.FileName} ({addendum.AddendumId})."),
                }
                : f)
            .ToList();
    }

    /// <summary>
    /// Finishes an erase-again a crashed night began: erases again with that night's idempotency key and states what the
    /// first call erased (a category its intent found and that is now gone), then records the outcome.
    /// </summary>
    private async Task<IReadOnlyList<Finding>> FinishAsync(
        DataSubjectRequest request, SystemTask task, SystemOptions system, SubjectIdentity subject, List<AuditEvent> interrupted, NightlyContext night,
        List<SystemResult> erasedAgain, HashSet<DateOnly> nights, CancellationToken ct)
    {
        var name = system.DisplayName ?? system.Id!;
        var findings = new List<Finding>();
        foreach (var intent in interrupted.OrderBy(e => e.Sequence))
        {
            var day = Key(intent).Night;
            var problem = $"Erasing {name} again on {Date(day)} was interrupted before its outcome was recorded.";
            if (night.DryRun)
            {
                findings.Add(Make(request, FindingKind.FoundAfterErasure, task.SystemId, problem, "The reconciliation finishes it tonight and adds the signed addendum."));
                continue;
            }

            try
            {
                var connector = await connectors.CreateAsync(system, ct);
                var found = CoreJson.Deserialize<List<DataCategory>>(intent.Details![FoundDetail]);
                var outcome = await EraseAgainAsync(connector, task.SubjectFor(subject), request.RequestId, task.SystemId, day, ct);
                // Attempt 2 of an intent recorded in attempt 1: what is gone now was erased by the first call.
                outcome = new ErasureIntent(intent.At, 1, found).Reconcile(outcome, 2);
                var result = await StateAsync(request.RequestId, task.SystemId, name, day, outcome, ct);
                erasedAgain.Add(result);
                nights.Add(day);
                findings.Add(Make(request, FindingKind.FoundAfterErasure, task.SystemId, problem,
                    "Find out how the data came back (a form, an import) and stop the source if it should not have."));
            }
            catch (Exception e) when (e is PermanentConnectorException or TransientConnectorException or IdentityConflictException)
            {
                findings.Add(Make(request, FindingKind.FoundAfterErasure, task.SystemId,
                    $"{problem} Finishing it failed: {PersonalDataGuard.Redact(e.Message)}.", "Remove the cause; the next night tries again."));
            }
        }

        return findings;
    }

    private static Task<SystemOutcome> EraseAgainAsync(IConnector connector, SubjectIdentity seen, string requestId, string systemId, DateOnly day, CancellationToken ct) =>
        connector is IIdempotentEraser idempotent
            ? idempotent.EraseAsync(seen, $"{requestId}/{systemId}/found-again-{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}", ct)
            : connector.EraseAsync(seen, ct);

    /// <summary>Records the outcome (kept once per night and system; what the addendum states), ids, kinds and counts only.</summary>
    private async Task<SystemResult> StateAsync(string requestId, string systemId, string name, DateOnly day, SystemOutcome outcome, CancellationToken ct)
    {
        var categories = outcome.Categories
            .Select(c => new CategoryOutcome(c.Category, c.Kind, c.RecordCount, c.Purpose, c.LegalBasis, c.RetainedUntil))
            .ToList();
        var details = new Dictionary<string, string>
        {
            ["night"] = Date(day),
            ["addendum"] = AddendumIssuer.AddendumId(requestId, day, AddendumReason.FoundAgain),
            [OutcomeDetail] = CoreJson.Serialize(categories),
        };
        var stored = await audit.AppendAsync(
            new AuditEntry(requestId, AuditActors.System, AuditActions.FoundAfterErasure, systemId, ErasedAgainOutcome, details,
                OnceKey: $"found-again:{Date(day)}:{systemId}"),
            ct);
        return SystemResult.Success(systemId, name, CoreJson.Deserialize<List<CategoryOutcome>>(stored.Details![OutcomeDetail]));
    }

    private const string ErasingOutcome = "erasing-again";
    private const string ErasedAgainOutcome = "erased-again";
    private const string FoundDetail = "found";
    private const string OutcomeDetail = "outcome";

    /// <summary>Nights after the re-verification window in which an erase-again a crash interrupted is still finished.</summary>
    private const int RecoveryNights = 7;

    private static (DateOnly Night, string? SystemId) Key(AuditEvent e) =>
        (DateOnly.ParseExact(e.Details!["night"], "yyyy-MM-dd", CultureInfo.InvariantCulture), e.SystemId);

    private Task AuditAsync(string requestId, string systemId, string outcome, NightlyContext night, CancellationToken ct)
    {
        var details = new Dictionary<string, string> { ["night"] = Date(night.Date) };

        return audit.AppendAsync(new AuditEntry(requestId, AuditActors.System, AuditActions.FoundAfterErasure, systemId, outcome, details,
            OnceKey: $"found-again-{outcome}:{Date(night.Date)}:{systemId}"), ct);
    }

    private static Finding Make(DataSubjectRequest request, FindingKind kind, string systemId, string problem, string action) =>
        new(request.RequestId, request.LegalEntityId, kind, Urgency.High, problem, action, systemId);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
