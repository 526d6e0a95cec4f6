using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation.Retention;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Review;
using PrivacySync.Core.Tasks;
using Microsoft.Azure.Functions.Worker;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Functions.Teams;

namespace PrivacySync.Functions.Collect;

/// <summary>
/// [dsr-collect] → once every task of a request is terminal, one collector claims assembly with a conditional
/// write and produces the single output: the export package (access), the signed deletion certificate (erasure)
/// or the signed confirmation (objection). The request then ends completed, or completed with exceptions.
/// Collect messages arrive once per finished task, so most deliveries find work still running and stop. Crash-safe in
/// every window: the output is written create-only (a takeover keeps what an earlier collector wrote, and a collector
/// whose lease ran out cannot overwrite it), the completion is one conditional write, and its events are recorded by
/// whichever delivery finds them missing.
/// </summary>
public sealed class CollectResultsFunction(
    IRequestStore requests,
    ITaskStore tasks,
    ISubjectStore subjects,
    IResultStore results,
    IOutputStore outputs,
    IAuditLog audit,
    IDeferredErasureStore deferredErasures,
    IRestrictionRegister restrictions,
    MailReview review,
    IReviewStore reviews,
    PrivacySyncOptions configuration,
    RequestLifecycle lifecycle,
    SigningKey signingKey,
    WorkQueues queues,
    FaultPoints faults,
    IOptions<OrchestrationOptions> settings,
    TeamsNotifications teams,
    TimeProvider time,
    ILogger<CollectResultsFunction> logger)
{
    [Function(FunctionNames.CollectResults)]
    public async Task RunAsync([QueueTrigger(QueueNames.Collect)] RequestMessage message, CancellationToken ct)
    {
        var stored = await requests.GetAsync(message.RequestId, ct);
        if (stored is { Value.IsTerminal: true } && stored.Value.Outputs.Count > 0)
        {
            // A crash between the completion write and its events: this redelivery records them.
            await RecordCompletionAsync(stored.Value, stored.Value.Outputs[0], ct);
            return;
        }

        if (stored is null || stored.Value.Status is not (RequestStatus.Collecting or RequestStatus.AwaitingReview))
        {
            return; // unknown, not yet collecting, or completed by the planner
        }

        var planned = (await tasks.ListAsync(message.RequestId, ct)).Select(t => t.Value).ToList();
        if (planned.Count == 0 || planned.Any(t => !t.IsTerminal))
        {
            return; // the last task to finish sends the message that completes the request
        }

        if (!await ReviewedAsync(stored, planned, ct))
        {
            return; // mail texts wait on an officer; the decision that settles the last one sends the next collect message
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
        if (claimed.Type == RequestType.Access)
        {
            summary = summary with { Restrictions = await HeldRestrictionsAsync(claimed, ct) };
        }

        var facts = new SubjectFacts(configuration, entity, summary.Language);
        var systemResults = planned.Select(t => ToResult(t, facts)).ToList();
        var produced = await AssembleAsync(claimed, entity, summary, facts, systemResults, planned, ct);
        var output = produced[0];
        faults.Reached(FaultPoints.Windows.OutputWritten);

        var completed = lifecycle.Complete(claimed, planned);
        var final = (completed.Request ?? throw new InvalidOperationException($"Request {claimed.RequestId}: {completed.Error}")) with { Outputs = produced };
        if (final.Restriction is { } restriction)
        {
            // The restriction holds from the confirmation on, in the same write that completes the request.
            final = final with { Restriction = restriction with { Since = now } };
        }

        if (await requests.TryReplaceAsync(final, etag, ct) is null)
        {
            return; // our lease ran out and another collector took over; it completes with the output written first
        }

        faults.Reached(FaultPoints.Windows.RequestCompleted);
        await RecordCompletionAsync(final, output, ct);
        logger.Completed(claimed.RequestId, final.Status.ToWire(), output);
        await teams.RequestCompletedAsync(claimed.RequestId);
    }

    /// <summary>
    /// Art. 15(4): where the entity requires it, mail texts that may hold other people's data wait on an officer's
    /// decision. The first collector to find such texts moves the request to awaiting-review (one conditional write) and
    /// records the event once — any later delivery records it too, in case a crash came between. False while a text
    /// is undecided.
    /// </summary>
    private async Task<bool> ReviewedAsync(Versioned<DataSubjectRequest> stored, IReadOnlyList<SystemTask> planned, CancellationToken ct)
    {
        var request = stored.Value;
        if (request.Status == RequestStatus.Collecting)
        {
            var entity = configuration.FindEntity(request.LegalEntityId);
            if (entity is null || !MailReview.Required(entity, request.Type))
            {
                return true;
            }

            var items = await review.CountAsync(request.RequestId, planned, ct);
            if (items == 0)
            {
                return true;
            }

            var waiting = lifecycle.AwaitReview(request, items).Request!;
            if (await requests.TryReplaceAsync(waiting, stored.ETag, ct) is null)
            {
                return false; // another delivery moved it first
            }

            request = waiting;
            logger.AwaitingReview(request.RequestId, items);
        }

        await audit.AppendAsync(new AuditEntry(request.RequestId, AuditActors.System, AuditActions.ReviewRequired,
            Outcome: (request.ReviewItems ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture), OnceKey: AuditActions.ReviewRequired), ct);
        return stored.Value.Status == RequestStatus.AwaitingReview && await review.UndecidedAsync(request.RequestId, planned, ct) == 0;
    }

    /// <summary>
    /// The "assembled" and "completed" events, each once however many deliveries record them at once: a completed
    /// request whose trail lacks them (a crash after the completion write) gets them from the redelivered message.
    /// </summary>
    private async Task RecordCompletionAsync(DataSubjectRequest request, string output, CancellationToken ct)
    {
        await audit.AppendAsync(new AuditEntry(request.RequestId, AuditActors.System, AuditActions.Assembled, Outcome: output, OnceKey: AuditActions.Assembled), ct);
        await audit.AppendAsync(new AuditEntry(request.RequestId, AuditActors.System, AuditActions.Completed, Outcome: request.Status.ToWire(), OnceKey: AuditActions.Completed), ct);
    }

    /// <returns>The files written; the first is the request's main output.</returns>
    private async Task<IReadOnlyList<string>> AssembleAsync(
        DataSubjectRequest request, LegalEntityOptions entity, RequestSummary summary, SubjectFacts facts, IReadOnlyList<SystemResult> systemResults,
        IReadOnlyList<SystemTask> planned, CancellationToken ct)
    {
        if (request.Type == RequestType.Access)
        {
            await WritePackageAsync(request, summary, facts, systemResults, planned, ct);
            return [OutputFiles.ExportPackage];
        }

        var details = new LegalEntityDetails(
            entity.Id!, entity.Name ?? entity.Id!, entity.Jurisdiction.ToWire(), entity.SupervisoryAuthority?.Name ?? "", entity.PrivacyContact ?? "");
        var subject = await subjects.GetAsync(request.RequestId, ct);
        var reference = subject is null
            ? "purged"
            : SubjectReference.Compute(subject.Email, Encoding.UTF8.GetBytes(settings.Value.SubjectSalt ?? throw new InvalidOperationException("PrivacySync:SubjectSalt is not set.")));
        // The chain's head as it stands now anchors the trail: events removed or rewritten up to it cannot go unseen.
        var head = (await audit.HeadAsync(request.RequestId, ct))?.Head;
        ISignableDocument document = request.Type switch
        {
            RequestType.Erasure => DeletionCertificate.Create($"cert-{request.RequestId}", summary, details, systemResults, reference, facts: facts, auditHead: head),
            RequestType.Rectification => RectificationConfirmation.Create($"conf-{request.RequestId}", summary, details, systemResults, reference, facts, head),
            RequestType.Restriction => RestrictionConfirmation.Create(
                $"conf-{request.RequestId}", request.Restriction?.Ground ?? throw new InvalidOperationException($"Request {request.RequestId}: a restriction without its ground."),
                summary, details, systemResults, reference, facts, head),
            _ => ObjectionConfirmation.Create($"conf-{request.RequestId}", summary, details, systemResults, reference, facts: facts, auditHead: head),
        };
        if (request.Type == RequestType.Erasure)
        {
            // Before the certificate promises "erased then", PrivacySync's own state holds each end date (and the
            // records' keys), so the nightly reconciliation keeps the promise. Rows that exist stay as they are, so a
            // collector that takes over after a crash here schedules nothing twice.
            await deferredErasures.ScheduleAsync(DeferredErasure.FromTasks(request.RequestId, request.LegalEntityId, planned, time.GetUtcNow()), ct);
        }

        if (request.Type == RequestType.Restriction && subject is not null)
        {
            // Before the confirmation says it holds, the subject's later requests can find it (upsert: a takeover records nothing twice).
            await restrictions.RecordAsync(request.LegalEntityId, SubjectKeys(subject), request.RequestId, ct);
        }

        var file = request.Type == RequestType.Erasure ? OutputFiles.Certificate : OutputFiles.Confirmation;
        var signer = signingKey.CreateSigner();
        var signed = signer.Sign(document);
        await SaveTextAsync(request.RequestId, file, signed, ct);
        var check = new CertificateCheck(signer.KeyId, configuration.PublishedKeyUrl, file);
        switch (document)
        {
            case DeletionCertificate certificate:
                // The letter says what the certificate says, in words, and how to check the certificate against the published key.
                await SaveTextAsync(request.RequestId, OutputFiles.Letter, LetterHtml.Erasure(certificate.Statement, facts, check), ct);
                return [file, OutputFiles.Letter];
            case RectificationConfirmation rectification:
                // Art. 19: one task per recipient of the corrected categories, for the officer to tell them.
                await SaveTextAsync(request.RequestId, OutputFiles.Letter, LetterHtml.Rectification(rectification, facts, check), ct);
                await SaveTextAsync(request.RequestId, OutputFiles.RecipientTasks, RecipientNotice.Tasks(request.RequestId, rectification.Recipients).ToString(), ct);
                return [file, OutputFiles.Letter, OutputFiles.RecipientTasks];
            case RestrictionConfirmation restriction:
                await SaveTextAsync(request.RequestId, OutputFiles.Letter, LetterHtml.Restriction(restriction, facts, check), ct);
                await SaveTextAsync(request.RequestId, OutputFiles.RecipientTasks, RecipientNotice.Tasks(request.RequestId, restriction.Recipients, "restricted").ToString(), ct);
                return [file, OutputFiles.Letter, OutputFiles.RecipientTasks];
            default:
                return [file];
        }
    }

    private IReadOnlyList<string> SubjectKeys(SubjectIdentity subject)
    {
        var salt = Encoding.UTF8.GetBytes(settings.Value.SubjectSalt ?? throw new InvalidOperationException("PrivacySync:SubjectSalt is not set."));
        return [.. subject.AllEmails.Select(e => SubjectReference.Compute(e, salt)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The subject's restrictions that hold in the request's entity (Art. 18): an access package states them.</summary>
    private async Task<IReadOnlyList<HeldRestriction>> HeldRestrictionsAsync(DataSubjectRequest request, CancellationToken ct)
    {
        if (await subjects.GetAsync(request.RequestId, ct) is not { } subject)
        {
            return [];
        }

        var held = new List<HeldRestriction>();
        foreach (var id in await restrictions.FindAsync(request.LegalEntityId, SubjectKeys(subject), ct))
        {
            if (await requests.GetAsync(id, ct) is { Value.Restriction: { Holds: true, Since: { } since } restriction })
            {
                held.Add(new HeldRestriction(id, restriction.Ground, DateOnly.FromDateTime(since.UtcDateTime)));
            }
        }

        return held;
    }

    private async Task SaveTextAsync(string requestId, string file, string text, CancellationToken ct)
    {
        await using var content = new MemoryStream(new UTF8Encoding(false).GetBytes(text));
        // Create-only: a collector whose lease ran out never replaces what the one that took over wrote.
        await outputs.TryCreateAsync(requestId, file, content, OutputFiles.ContentType(file), ct);
    }

    // The package is spooled to a temp file (records may be many) and then uploaded in blocks.
    private async Task WritePackageAsync(
        DataSubjectRequest request, RequestSummary summary, SubjectFacts facts, IReadOnlyList<SystemResult> systemResults, IReadOnlyList<SystemTask> planned, CancellationToken ct)
    {
        var decisions = request.ReviewItems is null ? null : await reviews.ListAsync(request.RequestId, ct);
        foreach (var decision in decisions?.Values ?? [])
        {
            // Each decision on the trail before the package says what it did (a deciding call may have died before its event).
            await audit.AppendAsync(decision.ToAuditEntry(request.RequestId), ct);
        }

        IAsyncEnumerable<ExportRecord> Records(string systemId)
        {
            var stream = results.ReadRecordsAsync(request.RequestId, systemId, ct);
            return decisions is null ? stream : MailReview.ApplyAsync(stream, systemId, decisions, request.Language, ct);
        }

        var sources = systemResults.Select((result, i) =>
            result.IsFailed || planned[i].ResultBlob is null
                ? ExportSource.Failed(result)
                : new ExportSource(result, Records(planned[i].SystemId))).ToList();
        var spool = Path.Combine(Path.GetTempPath(), $"privacysync-{Guid.NewGuid():N}.zip");
        try
        {
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await new ExportPackageWriter().WriteAsync(file, summary, sources, facts, ct);
                file.Position = 0;
                // Create-only: a collector that lost its lease never replaces the package of the one that took over.
                await outputs.TryCreateAsync(request.RequestId, OutputFiles.ExportPackage, file, OutputFiles.ContentType(OutputFiles.ExportPackage), ct);
            }
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private SystemResult ToResult(SystemTask task, SubjectFacts facts)
    {
        var name = configuration.FindSystem(task.SystemId)?.DisplayName ?? task.SystemId;
        var result = task.Status == SystemTaskStatus.Succeeded && task.Outcome is { } outcome
            ? SystemResult.Success(task.SystemId, name, outcome.Categories) with { Caveats = outcome.Caveats }
            : SystemResult.Failure(task.SystemId, name, task.LastError ?? "The system did not complete.");
        if (task.IdentityDecisions is not { } identity)
        {
            return result;
        }

        // An officer's drop may leave nothing of the subject in this system: the statement then says nothing was changed.
        var nothingHandled = !result.IsFailed && result.Categories.All(c => c.Kind == OutcomeKind.NotFound || c.RecordCount == 0);
        return result with
        {
            Identity = IdentityStatements.Describe(identity.Confirmed, identity.Dropped, facts.SystemName(task.SystemId, name), facts.Language, nothingHandled),
        };
    }
}
