using System.Collections.Concurrent;
using System.Globalization;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation.Reporting;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Review;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Core.Reconciliation;

/// <summary>
/// The nightly reconciliation that the timer function and <c>privacysync reconcile</c> share. It claims the night with
/// a run record (a completed record makes a second run change nothing; a record left running by a crash is taken over
/// after the run lease), reads the queues once, then pages through the open requests in batches and reports what is
/// wrong with each. It repairs what it safely can by sending a message again — a lost dispatch, task or collect
/// message, a stalled task with attempts left — and audits each repair (a task in identity-conflict waits on an officer
/// and is reported as such, never re-sent); it never changes a request or task itself
/// (the handlers do, when the message arrives). A dry run repairs nothing and writes nothing.
/// </summary>
public sealed class Reconciler(
    IRequestStore requests,
    ITaskStore tasks,
    IWorkQueueView queues,
    IReconciliationRunStore runs,
    IWorkResender resender,
    IAuditLog audit,
    ReconciliationOptions options,
    TimeProvider time,
    IEnumerable<INightlyDuty>? duties = null,
    IEnumerable<IFinishedRequestDuty>? finishedDuties = null,
    ReportPublisher? reports = null,
    MailReview? review = null)
{
    private readonly IReadOnlyList<INightlyDuty> nightlyDuties = [.. duties ?? []];
    private readonly IReadOnlyList<IFinishedRequestDuty> finishedRequestDuties = [.. finishedDuties ?? []];

    /// <summary>The statuses a request can still be stuck in; terminal requests need no reconciliation.</summary>
    private static readonly RequestStatus[] Open =
        [RequestStatus.Received, RequestStatus.AwaitingVerification, RequestStatus.AwaitingApproval, RequestStatus.Dispatched, RequestStatus.Collecting,
         RequestStatus.AwaitingReview];

    private static readonly RequestStatus[] Finished = [RequestStatus.Completed, RequestStatus.CompletedWithExceptions, RequestStatus.Rejected];

    /// <param name="date">The night reconciled: deadlines are counted against this day.</param>
    public async Task<ReconciliationResult> RunAsync(DateOnly date, bool dryRun, CancellationToken cancellationToken)
    {
        var existing = await runs.GetAsync(date, cancellationToken);
        if (existing is { Value.Status: ReconciliationRunStatus.Completed })
        {
            return new ReconciliationResult(date, ReconciliationOutcome.AlreadyReconciled, [], existing.Value.RequestsScanned, existing.Value);
        }

        Versioned<ReconciliationRun>? claim = null;
        if (!dryRun)
        {
            claim = await ClaimAsync(date, existing, cancellationToken);
            if (claim is null || claim.Value.Status == ReconciliationRunStatus.Completed)
            {
                var current = (await runs.GetAsync(date, cancellationToken))?.Value;
                var outcome = current?.Status == ReconciliationRunStatus.Completed ? ReconciliationOutcome.AlreadyReconciled : ReconciliationOutcome.RunningElsewhere;
                return new ReconciliationResult(date, outcome, [], current?.RequestsScanned ?? 0, current);
            }
        }

        var now = time.GetUtcNow();
        // Queues first: a message consumed after this read leaves state that is newer than the grace period.
        var snapshot = await queues.ReadAsync(cancellationToken);
        var findings = new ConcurrentBag<Finding>();
        var daysLeft = new ConcurrentBag<int>();
        var scanned = await ForEachPageAsync(Open, async (request, ct) =>
        {
            daysLeft.Add(request.DueOn.DayNumber - date.DayNumber);
            foreach (var finding in await InspectAsync(request, date, now, snapshot, repair: claim is not null, ct))
            {
                findings.Add(finding);
            }
        }, cancellationToken);

        foreach (var finding in await PoisonFindingsAsync(snapshot.Poison, cancellationToken))
        {
            findings.Add(finding);
        }

        var night = new NightlyContext(date, now, DryRun: claim is null);
        foreach (var duty in nightlyDuties)
        {
            foreach (var finding in await duty.RunAsync(night, cancellationToken))
            {
                findings.Add(finding);
            }
        }

        if (finishedRequestDuties.Count > 0)
        {
            await ForEachPageAsync(Finished, async (request, ct) =>
            {
                foreach (var duty in finishedRequestDuties)
                {
                    foreach (var finding in await duty.InspectAsync(request, night, ct))
                    {
                        findings.Add(finding);
                    }
                }
            }, cancellationToken);
        }

        var ordered = findings
            .OrderBy(f => f.Urgency).ThenBy(f => f.Kind).ThenBy(f => f.RequestId, StringComparer.Ordinal).ThenBy(f => f.SystemId, StringComparer.Ordinal)
            .ToList();
        if (claim is null)
        {
            return new ReconciliationResult(date, ReconciliationOutcome.DryRun, ordered, scanned);
        }

        // Written before the night is recorded: a crash before it leaves the night to a takeover, which writes it.
        var published = reports is null ? null : await reports.PublishAsync(date, now, scanned, ordered, daysLeft, cancellationToken);
        var completed = claim.Value with
        {
            Status = ReconciliationRunStatus.Completed,
            CompletedAt = time.GetUtcNow(),
            RequestsScanned = scanned,
            Repairs = ordered.Count(f => f.Repaired is not null),
            FindingCounts = ordered.GroupBy(f => f.Kind.ToWire()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
        };
        // Losing this write means a run that took over after our lease ran out records the night instead.
        var recorded = await runs.TryReplaceAsync(completed, claim.ETag, cancellationToken);
        return new ReconciliationResult(date, ReconciliationOutcome.Reconciled, ordered, scanned, recorded is null ? null : completed) { Report = published };
    }

    /// <summary>Visits the requests of the statuses a page at a time, a page's requests in parallel; returns how many.</summary>
    private async Task<int> ForEachPageAsync(IEnumerable<RequestStatus> statuses, Func<DataSubjectRequest, CancellationToken, ValueTask> visit, CancellationToken cancellationToken)
    {
        var visited = 0;
        foreach (var status in statuses)
        {
            string? token = null;
            do
            {
                var page = await requests.ListAsync(new RequestQuery(status, PageSize: options.BatchSize, ContinuationToken: token), cancellationToken);
                await Parallel.ForEachAsync(
                    page.Items,
                    new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
                    visit);
                visited += page.Items.Count;
                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        return visited;
    }

    /// <summary>The run record this run owns, or null when another run holds the night.</summary>
    private async Task<Versioned<ReconciliationRun>?> ClaimAsync(DateOnly date, Versioned<ReconciliationRun>? existing, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (existing is null)
        {
            var run = new ReconciliationRun { Date = date, Status = ReconciliationRunStatus.Running, Attempts = 1, StartedAt = now };
            if (await runs.TryCreateAsync(run, ct))
            {
                return await runs.GetAsync(date, ct);
            }

            return null; // another run created it a moment ago
        }

        if (existing.Value.StartedAt > now - options.RunLease)
        {
            return null;
        }

        var takenOver = existing.Value with { Attempts = existing.Value.Attempts + 1, StartedAt = now };
        var etag = await runs.TryReplaceAsync(takenOver, existing.ETag, ct);
        return etag is null ? null : new Versioned<ReconciliationRun>(takenOver, etag);
    }

    private async Task<IReadOnlyList<Finding>> InspectAsync(
        DataSubjectRequest request, DateOnly date, DateTimeOffset now, WorkQueueSnapshot snapshot, bool repair, CancellationToken ct)
    {
        var found = new List<Finding>();
        if (repair && request.PendingEvent is { } pending && now - request.UpdatedAt > options.LostMessageGrace)
        {
            // A crash between an officer's step and its event: the event is on the row, the trail gets it now.
            await pending.AppendAsync(audit, ct);
        }

        if (Deadline(request, date) is { } deadline)
        {
            found.Add(deadline);
        }

        var waitingSince = now - request.UpdatedAt;
        var waitLimit = TimeSpan.FromDays(options.WaitingDays);
        switch (request.Status)
        {
            case RequestStatus.AwaitingVerification when waitingSince > waitLimit:
                found.Add(Make(request, FindingKind.WaitingOnVerification, Urgency.Normal,
                    $"Waiting on identity verification for {Days(waitingSince)} day(s).",
                    "Verify the subject's identity or ask them again; reject the request if they cannot be identified."));
                break;
            case RequestStatus.AwaitingApproval when waitingSince > waitLimit:
                found.Add(Make(request, FindingKind.WaitingOnApproval, Urgency.Normal,
                    $"Waiting on approval for {Days(waitingSince)} day(s).",
                    "Approve or reject the request."));
                break;
            case RequestStatus.Dispatched when waitingSince > options.LostMessageGrace && snapshot.Dispatch.Complete && !snapshot.Dispatch.Holds(request.RequestId):
                var lost = Make(request, FindingKind.LostMessage, Urgency.High,
                    $"Dispatched at {Stamp(request.UpdatedAt)} but no dispatch message is queued, so no system was asked.",
                    "Re-send the request's dispatch message (the next reconciliation does, or run privacysync reconcile).");
                if (repair)
                {
                    await resender.ResendDispatchAsync(request.RequestId, ct);
                    lost = await AuditedAsync(lost, date, "dispatch", "Re-sent the dispatch message.", ct);
                }

                found.Add(lost);
                break;
            case RequestStatus.Collecting:
                found.AddRange(await InspectTasksAsync(request, date, now, snapshot, repair, ct));
                break;
            case RequestStatus.AwaitingReview:
                found.AddRange(await InspectReviewAsync(request, date, now, snapshot, repair, ct));
                break;
        }

        return found;
    }

    private async Task<IReadOnlyList<Finding>> InspectTasksAsync(
        DataSubjectRequest request, DateOnly date, DateTimeOffset now, WorkQueueSnapshot snapshot, bool repair, CancellationToken ct)
    {
        var found = new List<Finding>();
        var planned = (await tasks.ListAsync(request.RequestId, ct)).Select(t => t.Value).ToList();
        var stalledAfter = TimeSpan.FromHours(options.StalledTaskHours);
        foreach (var task in planned)
        {
            if (task.Status == SystemTaskStatus.Failed)
            {
                found.Add(Make(request, FindingKind.SystemFailed, Urgency.High,
                    $"System {task.SystemId} failed after {task.Attempts} attempt(s): {task.LastError ?? "no reason recorded"}.",
                    "Remove the cause, then carry out this system's part by hand and record it, or have it run again.", task.SystemId));
                continue;
            }

            if (task.IsTerminal)
            {
                continue;
            }

            if (task.Status == SystemTaskStatus.IdentityConflict)
            {
                // Waiting on an officer, however long: only the resolve-identity decision runs it again, so nothing is re-sent.
                found.Add(Make(request, FindingKind.WaitingOnIdentityDecision, Urgency.Normal,
                    $"Task for {task.SystemId} waits on an officer's identity decision since {Stamp(task.UpdatedAt)} ({Days(now - task.UpdatedAt)} day(s)): {task.LastError ?? "identity conflict"}",
                    "Confirm which record is the subject's or drop the identifier that led to someone else (decision 'resolve-identity' for this system); nothing is exported or erased there until then.",
                    task.SystemId));
                continue;
            }

            // A message is due (and so visible) once the task is pending or its retry time has come.
            var dueSince = task.Status switch
            {
                SystemTaskStatus.Pending => task.UpdatedAt,
                SystemTaskStatus.RetryScheduled => task.NextAttemptAt ?? task.UpdatedAt,
                _ => (DateTimeOffset?)null,
            };
            var queued = snapshot.Tasks.Holds(QueuedIds.TaskId(task.RequestId, task.SystemId));
            if (dueSince is { } due && now - due > options.LostMessageGrace && snapshot.Tasks.Complete && !queued)
            {
                var lost = Make(request, FindingKind.LostMessage, Urgency.High,
                    $"Task for {task.SystemId} is {task.Status.ToWire()} since {Stamp(due)} but no task message is queued.",
                    "Re-send the task's message (the next reconciliation does, or run privacysync reconcile).", task.SystemId);
                found.Add(repair ? await ResendTaskAsync(lost, date, "task", "Re-sent the task message.", ct) : lost);
            }
            else if (now - task.UpdatedAt > stalledAfter)
            {
                // The runner's budget counts takeovers and deferrals too (SystemTask.Spent): the same count here.
                var hasAttempts = task.Spent < options.TaskAttemptBudget;
                var stalled = Make(request, FindingKind.TaskStalled, Urgency.High,
                    $"Task for {task.SystemId} has made no progress for {(int)(now - task.UpdatedAt).TotalHours} hour(s) ({task.Status.ToWire()}, {task.Spent} of its budget of {options.TaskAttemptBudget} spent).",
                    hasAttempts
                        ? "Check the system's health and the function app's log for this request; the reconciliation re-queues the task while it has attempts left."
                        : "Its attempts are spent: check the system's health, then carry out this system's part by hand and record it.",
                    task.SystemId);
                // A queued message will start it anyway; a running or waiting one is re-queued (the runner takes over an
                // expired lease and counts the attempt).
                found.Add(repair && hasAttempts && !queued
                    ? await ResendTaskAsync(stalled, date, "stalled-task", $"Re-queued the task ({task.Spent} of its budget of {options.TaskAttemptBudget} spent).", ct)
                    : stalled);
            }
        }

        if (planned.Count > 0 && planned.All(t => t.IsTerminal)
            && await LostCollectAsync(request, planned.Max(t => t.UpdatedAt), "Every system answered", date, now, snapshot, repair, ct) is { } lostCollect)
        {
            found.Add(lostCollect);
        }

        return found;
    }

    /// <summary>
    /// A request waiting on an officer's review of mail texts is reported every night with how many are still open;
    /// once every text is decided, a collect message that never came (the deciding call died after the last decision)
    /// is re-sent, so the package is made.
    /// </summary>
    private async Task<IReadOnlyList<Finding>> InspectReviewAsync(
        DataSubjectRequest request, DateOnly date, DateTimeOffset now, WorkQueueSnapshot snapshot, bool repair, CancellationToken ct)
    {
        var planned = (await tasks.ListAsync(request.RequestId, ct)).Select(t => t.Value).ToList();
        var open = review is null ? request.ReviewItems ?? 0 : await review.UndecidedAsync(request.RequestId, planned, ct);
        if (open > 0 || review is null)
        {
            return [Make(request, FindingKind.WaitingOnReview, Urgency.Normal,
                $"Waiting on an officer's review of {open} of {request.ReviewItems ?? open} mail text(s) since {Stamp(request.UpdatedAt)} ({Days(now - request.UpdatedAt)} day(s)); the export package is made once each is decided.",
                "Read the texts (GET /api/requests/{id}/review) and decide each: include, redact or exclude, with a reason (POST /api/requests/{id}/review).")];
        }

        return await LostCollectAsync(request, request.UpdatedAt, "Every mail text was reviewed", date, now, snapshot, repair, ct) is { } lost ? [lost] : [];
    }

    private async Task<Finding?> LostCollectAsync(
        DataSubjectRequest request, DateTimeOffset since, string what, DateOnly date, DateTimeOffset now, WorkQueueSnapshot snapshot, bool repair, CancellationToken ct)
    {
        if (now - since <= options.LostMessageGrace || !snapshot.Collect.Complete || snapshot.Collect.Holds(request.RequestId))
        {
            return null;
        }

        var lost = Make(request, FindingKind.LostMessage, Urgency.High,
            $"{what} by {Stamp(since)} but no collect message is queued, so the result is never assembled.",
            "Re-send the request's collect message (the next reconciliation does, or run privacysync reconcile).");
        if (repair)
        {
            await resender.ResendCollectAsync(request.RequestId, ct);
            lost = await AuditedAsync(lost, date, "collect", "Re-sent the collect message.", ct);
        }

        return lost;
    }

    private Finding? Deadline(DataSubjectRequest request, DateOnly date)
    {
        var daysLeft = request.DueOn.DayNumber - date.DayNumber;
        var due = request.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var extension = request.Extended ? "already extended" : "not extended";
        if (daysLeft < 0)
        {
            return Make(request, FindingKind.Overdue, Urgency.Critical,
                $"Overdue by {-daysLeft} day(s): due {due}, {extension}.",
                "Complete it now and record why it is late; tell the subject if that has not been done.");
        }

        if (daysLeft <= options.DueSoonDays)
        {
            return Make(request, FindingKind.DueSoon, daysLeft <= 2 ? Urgency.High : Urgency.Normal,
                $"Due in {daysLeft} day(s): {due}, {extension}.",
                request.Extended
                    ? "Complete it by the extended deadline; it cannot be extended again."
                    : "Complete it by the deadline, or extend it before then if it is complex or one of many (Art. 12(3)), telling the subject why.");
        }

        return null;
    }

    private async Task<IReadOnlyList<Finding>> PoisonFindingsAsync(IReadOnlyList<PoisonMessage> poison, CancellationToken ct)
    {
        var found = new List<Finding>();
        foreach (var message in poison)
        {
            var entity = message.RequestId is { } id ? (await requests.GetAsync(id, ct))?.Value.LegalEntityId : null;
            var what = message.RequestId is null ? "An unreadable message" : "A message";
            var more = message.More > 0 ? $" ({message.More} more in that queue not listed)" : "";
            found.Add(new Finding(
                message.RequestId ?? "(unknown)",
                entity ?? "(unknown)",
                FindingKind.PoisonMessage,
                Urgency.High,
                $"{what} of {message.SourceQueue} failed every delivery and sits in {message.SourceQueue}-poison{more}.",
                $"Remove the cause (see the function app's log for the request), then run: privacysync replay-poison --queue {message.SourceQueue}",
                message.SystemId));
        }

        return found;
    }

    private async Task<Finding> ResendTaskAsync(Finding finding, DateOnly date, string what, string done, CancellationToken ct) =>
        await resender.TryResendTaskAsync(finding.RequestId, finding.SystemId!, ct)
            ? await AuditedAsync(finding, date, what, done, ct)
            : finding with { Action = $"{finding.SystemId} is not in the configuration, so its queue is unknown: " + finding.Action };

    /// <summary>Records the repair in the request's audit trail and on the finding.</summary>
    private async Task<Finding> AuditedAsync(Finding finding, DateOnly date, string what, string done, CancellationToken ct)
    {
        await audit.AppendAsync(
            new AuditEntry(finding.RequestId, AuditActors.System, AuditActions.MessageResent, finding.SystemId, Outcome: what,
                Details: new Dictionary<string, string>
                {
                    ["night"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["finding"] = finding.Kind.ToWire(),
                }),
            ct);
        return finding with { Repaired = done };
    }

    private static Finding Make(DataSubjectRequest request, FindingKind kind, Urgency urgency, string problem, string action, string? systemId = null) =>
        new(request.RequestId, request.LegalEntityId, kind, urgency, problem, action, systemId);

    private static int Days(TimeSpan span) => (int)span.TotalDays;

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
