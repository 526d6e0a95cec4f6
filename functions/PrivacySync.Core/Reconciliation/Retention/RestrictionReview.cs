using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Core.Reconciliation.Retention;

/// <summary>
/// The nightly side of restriction (Art. 18). A restriction that has held for the entity's
/// <see cref="LegalEntityOptions.RestrictionReviewDays"/> is reported every night for an officer to review. A lift an
/// officer decided is carried out from the night after the subject's letter (Art. 18(3): told first): each system that
/// restricted lifts it through its connector, then the request records the lift in one conditional write.
/// <para>
/// Crash-safe and rerun-safe: the intent (lifting-restriction) is on the trail under a key per system before the call,
/// the outcome (restriction-lifted) under another right after; a rerun lifts again only the systems without an outcome
/// (lifting twice changes nothing), and the request's lift is written once every system has one.
/// </para>
/// </summary>
public sealed class RestrictionReview(
    IRequestStore requests,
    ITaskStore tasks,
    ISubjectStore subjects,
    IConnectorSource connectors,
    PrivacySyncOptions configuration,
    IAuditLog audit) : IFinishedRequestDuty
{
    public async Task<IReadOnlyList<Finding>> InspectAsync(DataSubjectRequest request, NightlyContext night, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(night);
        if (request.Type != RequestType.Restriction || request.Restriction is not { Since: { } since, Holds: true } restriction)
        {
            return [];
        }

        var sinceDay = DateOnly.FromDateTime(since.UtcDateTime);
        if (restriction.LiftNotifiedAt is not { } notified)
        {
            var days = configuration.FindEntity(request.LegalEntityId)?.RestrictionReviewDays;
            return days is not { } review || night.Date < sinceDay.AddDays(review)
                ? []
                : [Make(request, Urgency.Normal,
                    $"Processing restricted since {WireFormat.Date(sinceDay)} ({night.Date.DayNumber - sinceDay.DayNumber} days, ground {restriction.Ground.ToWire()}); the entity reviews restrictions after {review} day(s).",
                    "Check whether the ground still applies (accuracy checked, objection weighed, legal claim settled). To lift it, decide lift-restriction with a reason: the subject's letter is issued first and the systems lift it the next night.")
                    with { Kind = FindingKind.RestrictionHeld }];
        }

        // Never on the night the letter was issued: the subject is told before the lift takes effect.
        if (night.Date <= DateOnly.FromDateTime(notified.UtcDateTime))
        {
            return [];
        }

        if (night.DryRun)
        {
            return [Make(request, Urgency.Normal, $"The lift was decided and the subject told on {WireFormat.Date(DateOnly.FromDateTime(notified.UtcDateTime))}.", "The reconciliation lifts it in the systems tonight.")];
        }

        if (await subjects.GetAsync(request.RequestId, cancellationToken) is not { } subject)
        {
            return [Make(request, Urgency.High, "The lift was decided, but the subject's identifiers are no longer held.", "Lift the restriction by hand in each system the request's tasks name.")];
        }

        var trail = await audit.ReadAsync(request.RequestId, cancellationToken);
        var lifted = trail.Where(e => e.Action == AuditActions.RestrictionLifted && e.SystemId is not null).Select(e => e.SystemId!).ToHashSet(StringComparer.Ordinal);
        var findings = new List<Finding>();
        var done = new List<string>();
        var manual = new List<string>();
        foreach (var task in (await tasks.ListAsync(request.RequestId, cancellationToken)).Select(t => t.Value).Where(t => t.Status == SystemTaskStatus.Succeeded))
        {
            if (lifted.Contains(task.SystemId))
            {
                done.Add(task.SystemId);
                continue;
            }

            if (configuration.FindSystem(task.SystemId) is not { } system)
            {
                findings.Add(Make(request, Urgency.High, $"System {task.SystemId} is no longer configured.", "Lift the restriction there by hand, or restore the system's configuration.", task.SystemId));
                continue;
            }

            try
            {
                var connector = await connectors.CreateAsync(system, cancellationToken);
                await audit.AppendAsync(new AuditEntry(request.RequestId, AuditActors.System, AuditActions.LiftingRestriction, task.SystemId,
                    Details: new Dictionary<string, string> { ["night"] = WireFormat.Date(night.Date) }, OnceKey: $"lift-intent:{task.SystemId}"), cancellationToken);
                var outcome = await connector.RestrictAsync(task.SubjectFor(subject), RestrictionStep.Lift, cancellationToken);
                await audit.AppendAsync(new AuditEntry(request.RequestId, AuditActors.System, AuditActions.RestrictionLifted, task.SystemId,
                    string.Join(",", outcome.Categories.Select(c => c.Kind.ToWire()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
                    new Dictionary<string, string> { ["night"] = WireFormat.Date(night.Date) }, OnceKey: $"lift:{task.SystemId}"), cancellationToken);
                done.Add(task.SystemId);
                if (outcome.NeedsManualAction || outcome.HasFailures)
                {
                    manual.Add(task.SystemId);
                }
            }
            catch (Exception e) when (e is PermanentConnectorException or TransientConnectorException or IdentityConflictException)
            {
                findings.Add(Make(request, Urgency.High, $"The restriction could not be lifted in {system.DisplayName ?? task.SystemId}: {PersonalDataGuard.Redact(e.Message)}",
                    "Remove the cause; the next reconciliation tries again (the subject was already told).", task.SystemId));
            }
        }

        if (findings.Count > 0)
        {
            return findings;
        }

        await RecordLiftAsync(request.RequestId, night.Now, cancellationToken);
        await audit.AppendAsync(new AuditEntry(request.RequestId, AuditActors.System, AuditActions.RestrictionLifted, Outcome: "lifted",
            Details: new Dictionary<string, string> { ["systems"] = string.Join(",", done) }, OnceKey: "lift:request"), cancellationToken);
        return [Make(request, Urgency.Normal,
            $"The lift decided on {WireFormat.Date(DateOnly.FromDateTime(notified.UtcDateTime))} (subject told) is carried out.",
            manual.Count == 0 ? "Nothing." : $"Do the manual steps the connectors gave for {string.Join(", ", manual)} (the audit trail and the systems' instructions say which).")
            with { Repaired = done.Count == 0 ? "no system held it" : $"lifted in {string.Join(", ", done)}" }];
    }

    // One conditional write; a concurrent writer means re-read and write again (the lift itself is already done).
    private async Task RecordLiftAsync(string requestId, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await requests.GetAsync(requestId, ct) is not { Value.Restriction: { } restriction } stored || restriction.LiftedAt is not null)
            {
                return;
            }

            if (await requests.TryReplaceAsync(stored.Value with { Restriction = restriction with { LiftedAt = now } }, stored.ETag, ct) is not null)
            {
                return;
            }
        }
    }

    private static Finding Make(DataSubjectRequest request, Urgency urgency, string problem, string action, string? systemId = null) =>
        new(request.RequestId, request.LegalEntityId, FindingKind.RestrictionLifted, urgency, problem, action, systemId);
}
