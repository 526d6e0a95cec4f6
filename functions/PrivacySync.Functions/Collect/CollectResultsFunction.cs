using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using Microsoft.Azure.Functions.Worker;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Collect;

/// <summary>
/// [dsr-collect] → once every task of a request is terminal, one collector claims assembly with a conditional
/// write and produces the single output: the export package (access), the signed deletion certificate (erasure)
/// or the signed confirmation (objection). The request then ends completed, or completed with exceptions.
/// Collect messages arrive once per finished task, so most deliveries find work still running and stop.
/// </summary>
public sealed class CollectResultsFunction(
    IRequestStore requests,
    ITaskStore tasks,
    ISubjectStore subjects,
    IResultStore results,
    IOutputStore outputs,
    IAuditLog audit,
    PrivacySyncOptions configuration,
    RequestLifecycle lifecycle,
    SigningKey signingKey,
    WorkQueues queues,
    IOptions<OrchestrationOptions> settings,
    TimeProvider time,
    ILogger<CollectResultsFunction> logger)
{
    [Function(FunctionNames.CollectResults)]
    public async Task RunAsync([QueueTrigger(QueueNames.Collect)] RequestMessage message, CancellationToken ct)
    {
        var stored = await requests.GetAsync(message.RequestId, ct);
        if (stored is null || stored.Value.Status != RequestStatus.Collecting)
        {
            return; // unknown, not yet collecting, or already completed
        }

        var planned = (await tasks.ListAsync(message.RequestId, ct)).Select(t => t.Value).ToList();
        if (planned.Count == 0 || planned.Any(t => !t.IsTerminal))
        {
            return; // the last task to finish sends the message that completes the request
        }

        var now = time.GetUtcNow();
        var lease = settings.Value.AssemblyLease;
        if (stored.Value.AssemblyClaimedAt is { } claimedAt && claimedAt + lease > now)
        {
            // Someone is assembling. If they crash, this delayed message finishes the job after their lease.
            var wait = claimedAt + lease - now + TimeSpan.FromSeconds(1);
            await queues.CollectAsync(message.RequestId, wait, ct);
            logger.AssemblyBusy(message.RequestId, wait);
            return;
        }

        var claimed = stored.Value with { AssemblyClaimedAt = now };
        var etag = await requests.TryReplaceAsync(claimed, stored.ETag, ct);
        if (etag is null)
        {
            return; // another collector won the claim
        }

        var entity = configuration.FindEntity(claimed.LegalEntityId)
            ?? throw new InvalidOperationException($"Request {claimed.RequestId}: legal entity {claimed.LegalEntityId} is not configured.");
        var summary = new RequestSummary(
            claimed.RequestId, claimed.Type.ToWire(), entity.Id!, entity.Name ?? entity.Id!, claimed.ReceivedOn, claimed.DueOn, claimed.Language.ToWire(), now);
        var systemResults = planned.Select(t => ToResult(t, claimed.Language.ToWire())).ToList();
        var output = await AssembleAsync(claimed, entity, summary, systemResults, planned, ct);

        var completed = lifecycle.Complete(claimed, planned);
        var final = (completed.Request ?? throw new InvalidOperationException($"Request {claimed.RequestId}: {completed.Error}")) with { Outputs = [output] };
        if (await requests.TryReplaceAsync(final, etag, ct) is null)
        {
            return; // our lease ran out and another collector took over; it writes the same output
        }

        await audit.AppendAsync(new AuditEntry(claimed.RequestId, AuditActors.System, AuditActions.Assembled, Outcome: output), ct);
        await audit.AppendAsync(new AuditEntry(claimed.RequestId, AuditActors.System, AuditActions.Completed, Outcome: final.Status.ToWire()), ct);
        logger.Completed(claimed.RequestId, final.Status.ToWire(), output);
    }

    private async Task<string> AssembleAsync(
        DataSubjectRequest request, LegalEntityOptions entity, RequestSummary summary, IReadOnlyList<SystemResult> systemResults,
        IReadOnlyList<SystemTask> planned, CancellationToken ct)
    {
        if (request.Type == RequestType.Access)
        {
            await WritePackageAsync(request, summary, systemResults, planned, ct);
            return OutputFiles.ExportPackage;
        }

        var details = new LegalEntityDetails(
            entity.Id!, entity.Name ?? entity.Id!, entity.Jurisdiction.ToWire(), entity.SupervisoryAuthority?.Name ?? "", entity.PrivacyContact ?? "");
        var subject = await subjects.GetAsync(request.RequestId, ct);
        var reference = subject is null
            ? "purged"
            : SubjectReference.Compute(subject.Email, Encoding.UTF8.GetBytes(settings.Value.SubjectSalt ?? throw new InvalidOperationException("PrivacySync:SubjectSalt is not set.")));
        ISignableDocument document = request.Type == RequestType.Erasure
            ? DeletionCertificate.Create($"cert-{request.RequestId}", summary, details, systemResults, reference)
            : ObjectionConfirmation.Create($"conf-{request.RequestId}", summary, details, systemResults, reference);
        var file = request.Type == RequestType.Erasure ? OutputFiles.Certificate : OutputFiles.Confirmation;
        var signed = signingKey.CreateSigner().Sign(document);
        await using var content = new MemoryStream(new UTF8Encoding(false).GetBytes(signed));
        await outputs.SaveAsync(request.RequestId, file, content, OutputFiles.ContentType(file), ct);
        return file;
    }

    // The package is spooled to a temp file (records may be many) and then uploaded in blocks.
    private async Task WritePackageAsync(
        DataSubjectRequest request, RequestSummary summary, IReadOnlyList<SystemResult> systemResults, IReadOnlyList<SystemTask> planned, CancellationToken ct)
    {
        var sources = systemResults.Select((result, i) =>
            result.IsFailed || planned[i].ResultBlob is null
                ? ExportSource.Failed(result)
                : new ExportSource(result, results.ReadRecordsAsync(request.RequestId, planned[i].SystemId, ct))).ToList();
        var spool = Path.Combine(Path.GetTempPath(), $"privacysync-{Guid.NewGuid():N}.zip");
        try
        {
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await new ExportPackageWriter().WriteAsync(file, summary, sources, ct);
                file.Position = 0;
                await outputs.SaveAsync(request.RequestId, OutputFiles.ExportPackage, file, OutputFiles.ContentType(OutputFiles.ExportPackage), ct);
            }
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private SystemResult ToResult(SystemTask task, string language)
    {
        var name = configuration.FindSystem(task.SystemId)?.DisplayName ?? task.SystemId;
        var result = task.Status == SystemTaskStatus.Succeeded && task.Outcome is { } outcome
            ? SystemResult.Success(task.SystemId, name, outcome.Categories)
            : SystemResult.Failure(task.SystemId, name, task.LastError ?? "The system did not complete.");
        return task.IdentityDecisions is { } identity
            ? result with { Identity = IdentityStatements.Describe(identity.Confirmed, identity.Dropped, name, language) }
            : result;
    }
}
