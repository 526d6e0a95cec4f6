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
using PrivacySync.Functions.Telemetry;

namespace PrivacySync.Functions.SystemTasks;

/// <summary>
/// Runs one system's task for one request: claims it with a conditional write, runs the connector, stores the
/// result and records the outcome, then asks the collector to look. A terminal task is never run again; a task
/// another worker is running is deferred until its lease ends; transient failures retry with Retry-After or
/// backoff until the attempt budget is spent; permanent failures fail the task at once with a readable reason.
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
    IOptions<OrchestrationOptions> settings,
    FlowMetrics metrics,
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
            await queues.CollectAsync(message.RequestId, null, ct); // a redelivery after the outcome was written: make sure the collector heard of it
            return;
        }

        if (stored.Value.Status == SystemTaskStatus.IdentityConflict)
        {
            IdentityLog.AwaitingOfficer(logger, message.RequestId, message.SystemId); // only the officer's decision runs it again
            return;
        }

        var request = (await requests.GetAsync(message.RequestId, ct))?.Value;
        if (request is null || request.IsTerminal)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (await DeferredAsync(stored.Value, message, now, ct))
        {
            return;
        }

        var running = stored.Value.Start(now);
        var etag = await tasks.TryReplaceAsync(running, stored.ETag, ct);
        if (etag is null)
        {
            logger.TaskRaceLost(message.RequestId, message.SystemId, "claim");
            return;
        }

        logger.TaskStarted(message.RequestId, message.SystemId, running.Attempts);
        var attempt = await AttemptAsync(request, running, ct);
        metrics.TaskAttempted(
            message.SystemId,
            attempt switch { Attempt.Done => "succeeded", Attempt.Failed => "failed", Attempt.Conflict => "identity-conflict", _ => "retry" },
            time.GetUtcNow() - now,
            attempt is Attempt.Retry { RetryAfter: not null });
        var finished = attempt switch
        {
            Attempt.Done done => running.Succeed(done.Outcome, done.ResultBlob, time.GetUtcNow()),
            Attempt.Failed failed => running.Fail(failed.Reason, time.GetUtcNow()),
            Attempt.Conflict conflict => running.AwaitIdentity(conflict.Resolution, time.GetUtcNow()),
            Attempt.Retry again when retry.HasAttemptsLeft(running.Attempts) => await ScheduleRetryAsync(running, again, ct),
            Attempt.Retry exhausted => running.Fail($"{exhausted.Reason} (gave up after {running.Attempts} attempts)", time.GetUtcNow()),
            _ => throw new InvalidOperationException("Unknown attempt result."),
        };

        if (await tasks.TryReplaceAsync(finished, etag, ct) is null)
        {
            logger.TaskRaceLost(message.RequestId, message.SystemId, "outcome");
            return;
        }

        await AuditAsync(finished, ct);
        if (finished.IsTerminal)
        {
            await queues.CollectAsync(message.RequestId, null, ct);
        }
    }

    /// <summary>True when this delivery must not run the task now (it runs elsewhere or its retry is not due).</summary>
    private async Task<bool> DeferredAsync(SystemTask task, TaskMessage message, DateTimeOffset now, CancellationToken ct)
    {
        if (task.Status == SystemTaskStatus.Running)
        {
            var leaseEnds = task.UpdatedAt + settings.Value.TaskLease;
            if (leaseEnds > now)
            {
                var wait = leaseEnds - now + EarlyTolerance;
                await queues.RunTaskAsync(message, QueueOf(task.SystemId), wait, ct);
                logger.TaskDeferred(message.RequestId, message.SystemId, wait);
                return true;
            }
        }

        // A duplicate message of a scheduled retry: the retry's own delayed message will come.
        return task.Status == SystemTaskStatus.RetryScheduled && task.NextAttemptAt is { } due && due > now + EarlyTolerance;
    }

    private async Task<Attempt> AttemptAsync(DataSubjectRequest request, SystemTask task, CancellationToken ct)
    {
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

            // Who the identifiers reach comes first: a conflict stops here, before any export or erasure.
            var identity = await connector.ResolveAsync(subject, timeout.Token);
            if (identity.IsConflict)
            {
                IdentityLog.Conflict(logger, task.RequestId, task.SystemId, identity.Matches.Count);
                return new Attempt.Conflict(identity);
            }

            var attempt = request.Type switch
            {
                RequestType.Access => await ExportAsync(connector, request, task, subject, timeout.Token),
                RequestType.Erasure => new Attempt.Done(await EraseAsync(connector, task, subject, timeout.Token), null),
                RequestType.Objection => new Attempt.Done(await connector.ObjectAsync(subject, timeout.Token), null),
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

    /// <summary>A connector that can take the task's identity erases once per task however often the task is retried.</summary>
    private static Task<SystemOutcome> EraseAsync(IConnector connector, SystemTask task, SubjectIdentity subject, CancellationToken ct) =>
        connector is IIdempotentEraser idempotent
            ? idempotent.EraseAsync(subject, IdempotencyKey(task), ct)
            : connector.EraseAsync(subject, ct);

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

    private async Task AuditAsync(SystemTask task, CancellationToken ct)
    {
        var (action, outcome) = task.Status switch
        {
            SystemTaskStatus.Succeeded => (AuditActions.TaskSucceeded, task.HasExceptions ? "with-exceptions" : "ok"),
            SystemTaskStatus.Failed => (AuditActions.TaskFailed, "failed"),
            SystemTaskStatus.IdentityConflict => (AuditActions.TaskIdentityConflict, "identity-conflict"),
            _ => (AuditActions.TaskRetry, $"attempt-{task.Attempts}"),
        };
        if (task.Status == SystemTaskStatus.Failed)
        {
            logger.TaskFailed(task.RequestId, task.SystemId, task.Attempts, "see task error");
        }
        else if (task.Status == SystemTaskStatus.Succeeded)
        {
            logger.TaskSucceeded(task.RequestId, task.SystemId);
        }

        await audit.AppendAsync(new AuditEntry(task.RequestId, AuditActors.System, action, task.SystemId, outcome), ct);
    }

    private TaskQueue QueueOf(string systemId) => configuration.FindSystem(systemId)?.Queue ?? TaskQueue.Cloud;

    private abstract record Attempt
    {
        public sealed record Done(SystemOutcome Outcome, string? ResultBlob) : Attempt;

        public sealed record Failed(string Reason) : Attempt;

        public sealed record Retry(string Reason, TimeSpan? RetryAfter) : Attempt;

        public sealed record Conflict(IdentityResolution Resolution) : Attempt;
    }
}
