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
/// trail and the signed certificate with its addenda. Deletions come first and are idempotent; the audit event is
/// written once (a rerun after a crash finds it) and the request is marked last, so a crash anywhere is finished by the
/// next night.
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

    public async Task<IReadOnlyList<Finding>> InspectAsync(DataSubjectRequest request, NightlyContext night, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(night);
        var finished = request.CompletedAt ?? request.UpdatedAt;
        var due = DateOnly.FromDateTime(finished.UtcDateTime).AddDays(configuration.RequestDataRetentionDays);
        if (request.MinimisedAt is not null || due > night.Date)
        {
            return [];
        }

        var problem = $"Finished {Date(DateOnly.FromDateTime(finished.UtcDateTime))}; its data retention of {configuration.RequestDataRetentionDays} day(s) ended {Date(due)}.";
        var finding = new Finding(request.RequestId, request.LegalEntityId, FindingKind.Minimised, Urgency.Normal, problem,
            "Nothing: the subject's identifiers, notes, raw results and export package are deleted; the record, outcomes, audit trail and certificate remain.");
        if (night.DryRun)
        {
            return [finding with { Action = "The reconciliation deletes the subject's identifiers, notes, raw results and export package tonight." }];
        }

        await subjects.DeleteAsync(request.RequestId, cancellationToken);
        var resultBlobs = await results.DeleteAllAsync(request.RequestId, cancellationToken);
        var package = await outputs.DeleteAsync(request.RequestId, ExportPackageFile, cancellationToken);

        var trail = await audit.ReadAsync(request.RequestId, cancellationToken);
        if (!trail.Any(e => e.Action == AuditActions.IdentifiersPurged))
        {
            await audit.AppendAsync(
                new AuditEntry(request.RequestId, AuditActors.System, AuditActions.IdentifiersPurged, Outcome: "minimised",
                    Details: new Dictionary<string, string>
                    {
                        ["night"] = Date(night.Date),
                        ["deleted"] = "subject-identifiers,notes,raw-results,export-package",
                        ["resultBlobs"] = resultBlobs.ToString(CultureInfo.InvariantCulture),
                        ["exportPackage"] = package ? "deleted" : "none",
                    }),
                cancellationToken);
        }

        // Marked last: a lost race means another run marked it (after the same deletions).
        var current = await requests.GetAsync(request.RequestId, cancellationToken);
        if (current is { Value.MinimisedAt: null })
        {
            await requests.TryReplaceAsync(
                current.Value with { MinimisedAt = night.Now, Outputs = [.. current.Value.Outputs.Where(o => o != ExportPackageFile)] }, current.ETag, cancellationToken);
        }

        return [finding with { Repaired = $"Deleted the subject's identifiers and notes, {resultBlobs} raw result file(s){(package ? " and the export package" : "")}." }];
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
