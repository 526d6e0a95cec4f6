using PrivacySync.Connectors.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Functions.Teams;
using PrivacySync.Functions.Telemetry;

namespace PrivacySync.Functions.SystemTasks;

/// <summary>
/// Runs one system's task for one request: claims it with a conditional write, runs the connector, stores the
/// result and records the outcome, then asks the collector to look. A terminal task is never run again; a task
/// another worker is running is deferred until its lease ends; transient failures retry with Retry-After or
/// backoff until the attempt budget is spent (lease takeovers and deferrals count too); permanent failures fail the task
/// at once with a readable reason. An erasure records its intent on the task before the connector's first side effect,
/// so an attempt after a crash reports the first attempt's outcome. Every window between two writes is recovered by
/// the message's redelivery: a terminal task re-sends its event (if missing) and the collect message.
/// </summary>
public sealed class SystemTaskRunner(
    IRequestStore requests,
    ITaskStore tasks,
    ISubjectStore subjects,
    IResultStore results,
    IAuditLog audit,
    PrivacySyncOptions configuration,
    ConnectorRegistry connectors,
    WorkQueues queues,
    RetryPolicy retry,
    FaultPoints faults,
    IOptions<OrchestrationOptions> settings,
    FlowMetrics metrics,
    TeamsNotifications teams,
    TimeProvider time,
    ILogger<SystemTaskRunner> logger)
{
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromSeconds(2);

    public async Task RunAsync(TaskMessage message, CancellationToken ct)
    {
        var stored = await tasks.GetAsync(message.RequestId, message.SystemId, ct);
        if (stored is null)
        {
            logger.UnknownRequest(message.RequestId);
            return;
        }

        if (stored.Value.IsTerminal)
        {
            // A redelivery after the outcome was written (a crash may have come before its event and the collect
            // message): record the event if it is missing and make sure the collector heard of it.
            await EnsureOutcomeAuditedAsync(stored.Value, ct);
            await queues.CollectAsync(message.RequestId, null, ct);
            return;
        }

        if (stored.Value.Status == SystemTaskStatus.IdentityConflict)
        {
            // Only the officer's decision runs it again. A redelivery after the conflict was written (a crash may have
            // come before its event or its card) records the event if missing and asks for the card (posted once).
            await EnsureConflictAnnouncedAsync(stored.Value, ct);
            IdentityLog.AwaitingOfficer(logger, message.RequestId, message.SystemId);
            return;
        }

        var request = (await requests.GetAsync(message.RequestId, ct))?.Value;
        if (request is null || request.IsTerminal)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (await DeferredAsync(stored, message, now, ct))
        {
            return;
        }

        await EnsureIdentityDecisionsAuditedAsync(stored.Value, ct);

        if (!retry.HasAttemptsLeft(stored.Value))
        {
            // Lease takeovers and deferrals count too: a task whose workers keep dying ends here, with a reason.
            var reason = $"Gave up after {stored.Value.Attempts} attempt(s) and {stored.Value.Deferrals} deferral(s), the budget of {retry.Budget}: "
                + (stored.Value.Status == SystemTaskStatus.Running
                    ? "the last attempt never finished (its worker stopped or the host timed it out)."
                    : stored.Value.LastError ?? "no attempt finished.");
            await FinishAsync(stored.Value.Fail(reason, now), stored.ETag, ct);
            return;
        }

        var running = stored.Value.Start(now);
        var etag = await tasks.TryReplaceAsync(running, stored.ETag, ct);
        if (etag is null)
        {
            logger.TaskRaceLost(message.RequestId, message.SystemId, "claim");
            return;
        }

        faults.Reached(FaultPoints.Windows.TaskClaimed);
        logger.TaskStarted(message.RequestId, message.SystemId, running.Attempts);
        var claim = new Claim(running, etag);
        var attempt = await AttemptAsync(request, claim, ct);
        running = claim.Task;
        if (attempt is Attempt.Lost)
        {
            logger.TaskRaceLost(message.RequestId, message.SystemId, "intent");
            return;
        }

        faults.Reached(FaultPoints.Windows.TaskEffectsDone);
        var elapsed = time.GetUtcNow() - now;
        var throttled = attempt is Attempt.Retry { RetryAfter: not null };
        metrics.TaskAttempted(
            message.SystemId,
            attempt switch { Attempt.Done => "succeeded", Attempt.Failed => "failed", Attempt.Conflict => "identity-conflict", _ => "retry" },
            elapsed,
            throttled);
        // The task keeps its own tally, so the nightly health report needs no telemetry backend.
        running = running with { WorkTime = running.WorkTime + elapsed, ThrottledAttempts = running.ThrottledAttempts + (throttled ? 1 : 0) };
        var finished = attempt switch
        {
            Attempt.Done done => running.Succeed(running.Intent?.Reconcile(done.Outcome, running.Attempts) ?? done.Outcome, done.ResultBlob, time.GetUtcNow()),
            Attempt.Failed failed => running.Fail(failed.Reason, time.GetUtcNow()),
            Attempt.Conflict conflict => running.AwaitIdentity(conflict.Resolution, time.GetUtcNow()),
            Attempt.Retry again when retry.HasAttemptsLeft(running) => await ScheduleRetryAsync(running, again, ct),
            Attempt.Retry exhausted => running.Fail($"{exhausted.Reason} (gave up after {running.Attempts} attempts)", time.GetUtcNow()),
            _ => throw new InvalidOperationException("Unknown attempt result."),
        };

        await FinishAsync(finished, claim.ETag, ct);
    }

    /// <summary>Writes the attempt's end, then its event, then (when terminal) the collect message.</summary>
    private async Task FinishAsync(SystemTask finished, string etag, CancellationToken ct)
    {
        if (await tasks.TryReplaceAsync(finished, etag, ct) is null)
        {
            logger.TaskRaceLost(finished.RequestId, finished.SystemId, "outcome");
            return;
        }

        faults.Reached(FaultPoints.Windows.TaskOutcomeWritten);
        await AuditAsync(finished, ct);
        if (finished.IsTerminal)
        {
            await queues.CollectAsync(finished.RequestId, null, ct);
        }

        if (finished.Status == SystemTaskStatus.Failed)
        {
            await teams.SystemFailedAsync(finished.RequestId, finished.SystemId);
        }
        else if (finished.Status == SystemTaskStatus.IdentityConflict)
        {
            await teams.IdentityConflictAsync(finished.RequestId, finished.SystemId, ConflictRound(finished));
        }
    }

    /// <summary>One card per conflict: a conflict found again after an officer's decision is the next round.</summary>
    private static int ConflictRound(SystemTask task) => task.IdentityDecisions?.Decisions.Count ?? 0;

    private async Task EnsureConflictAnnouncedAsync(SystemTask task, CancellationToken ct)
    {
        var trail = await audit.ReadAsync(task.RequestId, ct);
        if (trail.Count(e => e.Action == AuditActions.TaskIdentityConflict && e.SystemId == task.SystemId) <= ConflictRound(task))
        {
            await AuditAsync(task, ct);
        }

        await teams.IdentityConflictAsync(task.RequestId, task.SystemId, ConflictRound(task));
    }

    /// <summary>The terminal task's event, which the log holds once (a crash after the outcome write left it out, or not).</summary>
    private async Task EnsureOutcomeAuditedAsync(SystemTask task, CancellationToken ct) =>
        await audit.AppendAsync(OutcomeEntry(task), ct);

    /// <summary>
    /// The officers' identity decisions each have their event: a crash between a decision's task write and its append
    /// leaves the decision on the task, and its next run records it.
    /// </summary>
    private async Task EnsureIdentityDecisionsAuditedAsync(SystemTask task, CancellationToken ct)
    {
        if (task.IdentityDecisions is not { Decisions.Count: > 0 } decisions)
        {
            return;
        }

        var trail = await audit.ReadAsync(task.RequestId, ct);
        var recorded = trail.Count(e => e.Action == AuditActions.IdentityResolved && e.SystemId == task.SystemId);
        foreach (var missing in decisions.Decisions.Skip(recorded))
        {
            await audit.AppendAsync(missing.ToAuditEntry(task.RequestId, task.SystemId), ct);
        }
    }

    /// <summary>
    /// True when this delivery must not run the task now (it runs elsewhere or its retry is not due). A lease deferral
    /// is counted on the task, so deliveries that keep finding it busy spend its budget.
    /// </summary>
    private async Task<bool> DeferredAsync(Versioned<SystemTask> stored, TaskMessage message, DateTimeOffset now, CancellationToken ct)
    {
        var task = stored.Value;
        if (task.Status == SystemTaskStatus.Running)
        {
            var leaseEnds = task.UpdatedAt + settings.Value.TaskLease;
            if (leaseEnds > now)
            {
                var wait = leaseEnds - now + EarlyTolerance;
                // Only the delayed message: writing a deferral count here would change the row's ETag under the live
                // attempt and make its intent or outcome write lose. Takeovers after the lease ends count as attempts.
                await queues.RunTaskAsync(message, QueueOf(task.SystemId), wait, ct);
                logger.TaskDeferred(message.RequestId, message.SystemId, wait);
                return true;
            }
        }

        // A duplicate message of a scheduled retry: the retry's own delayed message will come.
        return task.Status == SystemTaskStatus.RetryScheduled && task.NextAttemptAt is { } due && due > now + EarlyTolerance;
    }

    private async Task<Attempt> AttemptAsync(DataSubjectRequest request, Claim claim, CancellationToken ct)
    {
        var task = claim.Task;
        var system = configuration.FindSystem(task.SystemId);
        if (system is null)
        {
            return new Attempt.Failed($"System '{task.SystemId}' is no longer configured; run it by hand or restore its configuration.");
        }

        var stored = await subjects.GetAsync(request.RequestId, ct);
        if (stored is null)
        {
            return new Attempt.Failed("The subject's identifiers are no longer held (purged after the request's retention).");
        }

        var subject = task.SubjectFor(stored);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Value.TaskTimeout);
        try
        {
            var connector = await connectors.CreateAsync(system, timeout.Token);

            // Who the identifiers reach comes first: a conflict stops here, before any export or erasure (and before an
            // erasure records its intent). An erasure whose intent an earlier attempt recorded was resolved then; what it
            // finds now may be half erased by that attempt, which is no conflict.
            var identity = task.Intent?.Identity ?? await connector.ResolveAsync(subject, timeout.Token);
            if (identity.IsConflict)
            {
                IdentityLog.Conflict(logger, task.RequestId, task.SystemId, identity.Matches.Count);
                return new Attempt.Conflict(identity);
            }

            var attempt = request.Type switch
            {
                RequestType.Access => await ExportAsync(connector, request, task, subject, timeout.Token),
                RequestType.Erasure => await EraseAsync(connector, claim, subject, identity, timeout.Token),
                RequestType.Objection => new Attempt.Done(await connector.ObjectAsync(subject, timeout.Token), null),
                RequestType.Rectification => await RectifyAsync(connector, system, request, subject, timeout.Token),
                // Marking (and unsubscribing) twice changes nothing, so a retried or redelivered task needs no recorded intent.
                RequestType.Restriction => new Attempt.Done(await connector.RestrictAsync(subject, RestrictionStep.Restrict, timeout.Token), null),
                _ => new Attempt.Failed($"Request type {request.Type} is not supported."),
            };
            return attempt is Attempt.Done done ? done with { Outcome = done.Outcome with { Identity = identity } } : attempt;
        }
        catch (IdentityConflictException e)
        {
            // The records changed between resolving and acting: the connector did nothing and says so.
            IdentityLog.Conflict(logger, task.RequestId, task.SystemId, e.Resolution.Matches.Count);
            return new Attempt.Conflict(e.Resolution);
        }
        catch (PermanentConnectorException e)
        {
            return new Attempt.Failed(e.Message);
        }
        catch (TransientConnectorException e)
        {
            return new Attempt.Retry(e.Message, e.RetryAfter);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Attempt.Retry($"{system.DisplayName ?? system.Id} did not answer within {settings.Value.TaskTimeout}.", null);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
        {
            // A connector bug or an unmapped transport failure: retried within the budget, reported by type only
            // (third-party messages may quote the subject's identifiers).
            logger.ConnectorBug(task.RequestId, task.SystemId, e.GetType().Name);
            return new Attempt.Retry($"Unexpected {e.GetType().Name} in the {system.Kind} connector (see the function logs, event 3011).", null);
        }
    }

    private async Task<Attempt> ExportAsync(IConnector connector, DataSubjectRequest request, SystemTask task, SubjectIdentity subject, CancellationToken ct)
    {
        var categories = await results.WriteRecordsAsync(request.RequestId, task.SystemId, connector.ExportAsync(subject, ct), ct);
        var outcome = categories.Count > 0
            ? new SystemOutcome(categories)
            : new SystemOutcome([CategoryOutcome.NotFound("all")], "The subject was not found in this system.");
        return new Attempt.Done(outcome, results.RecordsName(request.RequestId, task.SystemId));
    }

    /// <summary>
    /// The system's configuration decides which corrections it takes; the rest are refused here as outcomes. Setting a
    /// value again is harmless, so a retried or redelivered task needs no recorded intent.
    /// </summary>
    private async Task<Attempt> RectifyAsync(IConnector connector, SystemOptions system, DataSubjectRequest request, SubjectIdentity subject, CancellationToken ct)
    {
        if (await subjects.GetCorrectionsAsync(request.RequestId, ct) is not { Count: > 0 } corrections)
        {
            return new Attempt.Failed("The request's corrections are no longer held (purged after the request's retention).");
        }

        var plan = RectificationPlan.For(system, corrections);
        var outcome = plan.Allowed.Count == 0 ? null : await connector.RectifyAsync(subject, plan.Allowed, ct);
        return new Attempt.Done(plan.Merge(outcome), null);
    }

    /// <summary>
    /// Records what the erasure is about to do before the connector's first side effect (once per task: a later attempt
    /// keeps the first intent), then erases. A connector that can take the task's identity erases once per task however
    /// often the task is retried; one that plans its erasure acts on the recorded plan (e.g. the subject's classification).
    /// </summary>
    private async Task<Attempt> EraseAsync(IConnector connector, Claim claim, SubjectIdentity subject, IdentityResolution identity, CancellationToken ct)
    {
        if (claim.Task.Intent is null)
        {
            var discovered = await connector.DiscoverAsync(subject, ct);
            var classification = connector is IPlannedEraser planned ? await planned.ClassifyAsync(subject, ct) : null;
            var recorded = ErasureIntent.From(discovered, claim.Task.Attempts, time.GetUtcNow(), classification) with { Identity = identity };
            var withIntent = claim.Task with { Intent = recorded };
            if (await tasks.TryReplaceAsync(withIntent, claim.ETag, ct) is not { } etag)
            {
                return new Attempt.Lost(); // another worker took the task over meanwhile: it erases
            }

            claim.Task = withIntent;
            claim.ETag = etag;
        }

        var intent = claim.Task.Intent!;
        var outcome = connector switch
        {
            IPlannedEraser planned when intent.Classification is { } pinned => await planned.EraseAsync(subject, pinned, IdempotencyKey(claim.Task), ct),
            IIdempotentEraser idempotent => await idempotent.EraseAsync(subject, IdempotencyKey(claim.Task), ct),
            _ => await connector.EraseAsync(subject, ct),
        };
        return new Attempt.Done(outcome, null);
    }

    /// <summary>"{requestId}/{systemId}": stable across redeliveries and retries of one task, distinct between tasks.</summary>
    public static string IdempotencyKey(SystemTask task) => $"{task.RequestId}/{task.SystemId}";

    private async Task<SystemTask> ScheduleRetryAsync(SystemTask running, Attempt.Retry again, CancellationToken ct)
    {
        var delay = retry.DelayAfter(running.Attempts, again.RetryAfter);
        // The delayed message goes out before the task says so: a crash in between leaves a message that finds a
        // running task, waits out its lease and runs it, rather than a scheduled task that nothing will wake.
        await queues.RunTaskAsync(new TaskMessage(running.RequestId, running.SystemId), QueueOf(running.SystemId), delay, ct);
        logger.TaskRetry(running.RequestId, running.SystemId, delay, running.Attempts, "transient");
        return running.ScheduleRetry(again.Reason, time.GetUtcNow() + delay, time.GetUtcNow());
    }

    /// <summary>The event of a task's step; a task ends once, so its terminal event is keyed by its system.</summary>
    private static AuditEntry OutcomeEntry(SystemTask task)
    {
        var (action, outcome) = task.Status switch
        {
            SystemTaskStatus.Succeeded => (AuditActions.TaskSucceeded, task.HasExceptions ? "with-exceptions" : "ok"),
            SystemTaskStatus.Failed => (AuditActions.TaskFailed, "failed"),
            SystemTaskStatus.IdentityConflict => (AuditActions.TaskIdentityConflict, "identity-conflict"),
            _ => (AuditActions.TaskRetry, $"attempt-{task.Attempts}"),
        };
        return new AuditEntry(task.RequestId, AuditActors.System, action, task.SystemId, outcome, OnceKey: task.IsTerminal ? $"task-end:{task.SystemId}" : null);
    }

    private async Task AuditAsync(SystemTask task, CancellationToken ct)
    {
        if (task.Status == SystemTaskStatus.Failed)
        {
            logger.TaskFailed(task.RequestId, task.SystemId, task.Attempts, "see task error");
        }
        else if (task.Status == SystemTaskStatus.Succeeded)
        {
            logger.TaskSucceeded(task.RequestId, task.SystemId);
        }

        await audit.AppendAsync(OutcomeEntry(task), ct);
    }

    private TaskQueue QueueOf(string systemId) => configuration.FindSystem(systemId)?.Queue ?? TaskQueue.Cloud;

    /// <summary>The task as this worker holds it, with the ETag its next conditional write must present.</summary>
    private sealed class Claim(SystemTask task, string etag)
    {
        public SystemTask Task { get; set; } = task;

        public string ETag { get; set; } = etag;
    }

    private abstract record Attempt
    {
        /// <summary>The claim was lost before any side effect (another worker holds the task now).</summary>
        public sealed record Lost : Attempt;

        public sealed record Done(SystemOutcome Outcome, string? ResultBlob) : Attempt;

        public sealed record Failed(string Reason) : Attempt;

        public sealed record Retry(string Reason, TimeSpan? RetryAfter) : Attempt;

        public sealed record Conflict(IdentityResolution Resolution) : Attempt;
    }
}
