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
        if (request.Type != RequestType.Erasure || request.Status == RequestStatus.Rejected || request.MinimisedAt is not null
            || rule is not { Days: > 0 } || night.Date <= completedOn || night.Date > completedOn.AddDays(rule.Days))
        {
            return [];
        }

        var subject = await subjects.GetAsync(request.RequestId, cancellationToken);
        if (subject is null)
        {
            return [];
        }

        var findings = new List<Finding>();
        var erasedAgain = new List<SystemResult>();
        foreach (var task in (await tasks.ListAsync(request.RequestId, cancellationToken)).Select(t => t.Value).Where(t => t.Status == SystemTaskStatus.Succeeded))
        {
            var system = configuration.FindSystem(task.SystemId);
            if (system is null)
            {
                continue;
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
                        await AuditAsync(request.RequestId, task.SystemId, "reported", null, night, cancellationToken);
                    }

                    continue;
                }

                var outcome = connector is IIdempotentEraser idempotent
                    ? await idempotent.EraseAsync(seen, $"{request.RequestId}/{task.SystemId}/found-again-{night.Date:yyyyMMdd}", cancellationToken)
                    : await connector.EraseAsync(seen, cancellationToken);
                erasedAgain.Add(SystemResult.Success(task.SystemId, name, outcome.Categories));
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

        if (erasedAgain.Count == 0)
        {
            return findings;
        }

        // Events first, naming the addendum; the addendum then carries the audit head after them.
        var certificate = await addenda.ReadCertificateAsync(request.RequestId, cancellationToken);
        var addendumId = certificate is null ? null : AddendumIssuer.AddendumId(request.RequestId, night.Date, AddendumReason.FoundAgain);
        var erasedIds = erasedAgain.Select(r => r.SystemId).ToHashSet(StringComparer.Ordinal);
        foreach (var result in erasedAgain)
        {
            await AuditAsync(request.RequestId, result.SystemId, "erased-again", addendumId, night, cancellationToken);
        }

        var addendum = certificate is null
            ? null
            : await addenda.IssueAsync(
                request.RequestId, certificate, night.Date, AddendumReason.FoundAgain, erasedAgain, (await audit.HeadAsync(request.RequestId, cancellationToken))?.Head,
                cancellationToken);
        return findings
            .Select(f => f.Kind == FindingKind.FoundAfterErasure && f.SystemId is { } id && erasedIds.Contains(id)
                ? f with
                {
                    Repaired = $"Erased again: {string.Join(", ", erasedAgain.First(r => r.SystemId == id).Categories.Select(c => $"{c.Category} {c.Kind.ToWire()} ({c.RecordCount})"))}"
                        + (addendum is null ? "; the request has no certificate to add an addendum to." : $"; addendum {addendum.FileName} ({addendum.AddendumId})."),
                }
                : f)
            .ToList();
    }

    private Task AuditAsync(string requestId, string systemId, string outcome, string? addendumId, NightlyContext night, CancellationToken ct)
    {
        var details = new Dictionary<string, string> { ["night"] = Date(night.Date) };
        if (addendumId is not null)
        {
            details["addendum"] = addendumId;
        }

        return audit.AppendAsync(new AuditEntry(requestId, AuditActors.System, AuditActions.FoundAfterErasure, systemId, outcome, details), ct);
    }

    private static Finding Make(DataSubjectRequest request, FindingKind kind, string systemId, string problem, string action) =>
        new(request.RequestId, request.LegalEntityId, kind, Urgency.High, problem, action, systemId);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
