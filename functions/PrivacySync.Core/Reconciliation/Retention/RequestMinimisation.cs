using System.Globalization;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;

namespace PrivacySync.Core.Reconciliation.Retention;

/// <summary>
/// Minimisation of PrivacySync's own data: <c>RequestDataRetentionDays</c> after a request finished, the subject's
/// identifiers and the officer's notes, every system's raw results and the export package are deleted. What remains is
/// the request record, the pseudonymous subject reference and outcomes (on the tasks and the certificate), the audit
/// trail and the signed certificate with its addenda. Deletions come first and are idempotent; the request is marked
/// (<see cref="DataSubjectRequest.MinimisedAt"/>) with its identifiers-purged event pending on the row in one write,
/// and the event is appended after — by the next night when a crash came first — so a crash anywhere is finished by
/// the next night, and the mark never stands without its event.
/// </summary>
public sealed class RequestMinimisation(
    IRequestStore requests,
    ISubjectStore subjects,
    IResultStore results,
    IOutputStore outputs,
    IAuditLog audit,
    PrivacySyncOptions configuration) : IFinishedRequestDuty
{
    /// <summary>The output file of an access request's export package.</summary>
    public const string ExportPackageFile = "export.zip";

    /// <summary>Its password-protected copy, made when an officer asks for it.</summary>
    public const string ProtectedPackageFile = "export-protected.zip";

    private static readonly string[] PackageFiles = [ExportPackageFile, ProtectedPackageFile];

    public async Task<IReadOnlyList<Finding>> InspectAsync(DataSubjectRequest request, NightlyContext night, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(night);
        if (!night.DryRun && request.PendingEvent is { Entry.Action: AuditActions.PackageDeleted } deleted)
        {
            // A crash between the package's deletion mark and its event.
            await deleted.AppendAsync(audit, cancellationToken);
            await ClearPendingAsync(request.RequestId, deleted.Id, cancellationToken);
        }

        if (request.MinimisedAt is not null)
        {
            // A crash between the mark and its event: the event is on the row, the trail gets it now.
            if (!night.DryRun && request.PendingEvent is { Entry.Action: AuditActions.IdentifiersPurged } pending)
            {
                await pending.AppendAsync(audit, cancellationToken);
                await ClearPendingAsync(request.RequestId, pending.Id, cancellationToken);
            }

            return [];
        }

        if (request.Restriction is { Since: not null, Holds: true })
        {
            return []; // the identifiers are needed to lift it (Art. 18(3)); the retention runs once it is lifted
        }

        var finished = request.CompletedAt ?? request.UpdatedAt;
        var due = DateOnly.FromDateTime(finished.UtcDateTime).AddDays(configuration.RequestDataRetentionDays);
        if (due > night.Date)
        {
            return await ExpirePackageAsync(request, finished, night, cancellationToken);
        }

        var problem = $"Finished {Date(DateOnly.FromDateTime(finished.UtcDateTime))}; its data retention of {configuration.RequestDataRetentionDays} day(s) ended {Date(due)}.";
        var finding = new Finding(request.RequestId, request.LegalEntityId, FindingKind.Minimised, Urgency.Normal, problem,
            "Nothing: the subject's identifiers, notes, raw results and export package are deleted; the record, outcomes, audit trail and certificate remain.");
        if (night.DryRun)
        {
            return [finding with { Action = "The reconciliation deletes the subject's identifiers, notes, raw results and export package tonight." }];
        }

        // Deletions first (each idempotent): a crash before the mark repeats them the next night.
        await subjects.DeleteAsync(request.RequestId, cancellationToken);
        var resultBlobs = await results.DeleteAllAsync(request.RequestId, cancellationToken);
        var package = await DeletePackagesAsync(request.RequestId, cancellationToken);

        // The mark and its event in one write (the event pending on the row), then the event appended. A lost race
        // (an addendum listed meanwhile) reads the row again.
        var purged = PendingAuditEvent.For(
            new AuditEntry(request.RequestId, AuditActors.System, AuditActions.IdentifiersPurged, Outcome: "minimised",
                Details: new Dictionary<string, string>
                {
                    ["night"] = Date(night.Date),
                    ["deleted"] = "subject-identifiers,notes,raw-results,export-package",
                    ["resultBlobs"] = resultBlobs.ToString(CultureInfo.InvariantCulture),
                    ["exportPackage"] = package ? "deleted" : "none",
                }),
            night.Now);
        DataSubjectRequest? marked = null;
        string? etag = null;
        for (var attempt = 0; attempt < 5 && etag is null; attempt++)
        {
            var current = await requests.GetAsync(request.RequestId, cancellationToken);
            if (current is not { Value.MinimisedAt: null })
            {
                return []; // another run marked it, after the same deletions
            }

            if (current.Value.PendingEvent is { } earlier)
            {
                await earlier.AppendAsync(audit, cancellationToken); // an officer's step whose event a crash left on the row
            }

            marked = current.Value with { MinimisedAt = night.Now, Outputs = WithoutPackages(current.Value.Outputs), PendingEvent = purged };
            etag = await requests.TryReplaceAsync(marked, current.ETag, cancellationToken);
        }

        if (etag is null || marked is null)
        {
            return [finding with { Action = "The request kept changing while it was marked; the next reconciliation finishes the minimisation." }];
        }

        await purged.AppendAsync(audit, cancellationToken);
        await requests.TryReplaceAsync(marked with { PendingEvent = null }, etag, cancellationToken);
        return [finding with { Repaired = $"Deleted the subject's identifiers and notes, {resultBlobs} raw result file(s){(package ? " and the export package" : "")}." }];
    }

    /// <summary>
    /// <c>ExportPackageRetentionDays</c> after completion, before the request's own data goes: the package (and its
    /// password-protected copy) is deleted first, then the request is marked (outputs without it, the package-deleted
    /// event pending on the row) in one write and the event appended — the minimisation's order, so a crash in between
    /// is finished by the next night.
    /// </summary>
    private async Task<IReadOnlyList<Finding>> ExpirePackageAsync(DataSubjectRequest request, DateTimeOffset finished, NightlyContext night, CancellationToken ct)
    {
        if (configuration.ExportPackageRetentionDays is not { } days || !request.Outputs.Any(PackageFiles.Contains))
        {
            return [];
        }

        var due = DateOnly.FromDateTime(finished.UtcDateTime).AddDays(days);
        if (due > night.Date)
        {
            return [];
        }

        var finding = new Finding(request.RequestId, request.LegalEntityId, FindingKind.Minimised, Urgency.Normal,
            $"Finished {Date(DateOnly.FromDateTime(finished.UtcDateTime))}; its export package was kept {days} day(s), until {Date(due)}.",
            "Nothing: the export package is deleted; the request, its outcomes and audit trail remain.");
        if (night.DryRun)
        {
            return [finding with { Action = "The reconciliation deletes the export package tonight." }];
        }

        var deleted = await DeletePackagesAsync(request.RequestId, ct);
        var files = string.Join(",", request.Outputs.Where(PackageFiles.Contains));
        var pending = PendingAuditEvent.Named(
            $"{AuditActions.PackageDeleted}-{Date(night.Date)}",
            new AuditEntry(request.RequestId, AuditActors.System, AuditActions.PackageDeleted, Outcome: "deleted",
                Details: new Dictionary<string, string> { ["night"] = Date(night.Date), ["files"] = files, ["retentionDays"] = days.ToString(CultureInfo.InvariantCulture) }));
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await requests.GetAsync(request.RequestId, ct);
            if (current is null || !current.Value.Outputs.Any(PackageFiles.Contains))
            {
                return []; // another run marked it
            }

            if (current.Value.PendingEvent is { } earlier)
            {
                await earlier.AppendAsync(audit, ct);
            }

            var marked = current.Value with { Outputs = WithoutPackages(current.Value.Outputs), PendingEvent = pending };
            if (await requests.TryReplaceAsync(marked, current.ETag, ct) is { } etag)
            {
                await pending.AppendAsync(audit, ct);
                await requests.TryReplaceAsync(marked with { PendingEvent = null }, etag, ct);
                return [finding with { Repaired = deleted ? "Deleted the export package." : "The export package was already deleted; recorded it." }];
            }
        }

        return [finding with { Action = "The request kept changing while it was marked; the next reconciliation records the package's deletion." }];
    }

    /// <summary>Deletes the package and its protected copy (each idempotent); true when either existed.</summary>
    private async Task<bool> DeletePackagesAsync(string requestId, CancellationToken ct)
    {
        var package = await outputs.DeleteAsync(requestId, ExportPackageFile, ct);
        var protectedCopy = await outputs.DeleteAsync(requestId, ProtectedPackageFile, ct);
        return package || protectedCopy;
    }

    private static List<string> WithoutPackages(IReadOnlyList<string> files) => [.. files.Where(f => !PackageFiles.Contains(f))];

    /// <summary>Takes the appended event off the row (a lost race leaves it: appending it again is a no-op).</summary>
    private async Task ClearPendingAsync(string requestId, string pendingId, CancellationToken ct)
    {
        var current = await requests.GetAsync(requestId, ct);
        if (current is { Value.PendingEvent: { } pending } && pending.Id == pendingId)
        {
            await requests.TryReplaceAsync(current.Value with { PendingEvent = null }, current.ETag, ct);
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
