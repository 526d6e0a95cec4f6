using Newtonsoft.Json;
using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Tasks;

/// <summary>
/// One system's work for one request. Transitions return a new value; calling one on a terminal task is a bug
/// (handlers check <see cref="IsTerminal"/> first, because a queue may deliver the same message twice).
/// </summary>
public sealed record SystemTask
{
    public required string RequestId { get; init; }

    public required string SystemId { get; init; }

    public required SystemTaskStatus Status { get; init; }

    public int Attempts { get; init; }

    /// <summary>Deliveries that found the task running under another worker's lease and put it off; they count against the budget.</summary>
    public int Deferrals { get; init; }

    /// <summary>An erasure's recorded intent (before the connector's first side effect); null for other types, or before it.</summary>
    public ErasureIntent? Intent { get; init; }

    /// <summary>A reason an officer can act on; email addresses are redacted on the way in.</summary>
    public string? LastError { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public SystemOutcome? Outcome { get; init; }

    /// <summary>While <see cref="SystemTaskStatus.IdentityConflict"/>: the conflicting matches an officer chooses from.</summary>
    public IdentityResolution? Conflict { get; init; }

    /// <summary>What officers decided about the subject's identity in this system; applied to every later run.</summary>
    public IdentityDecisions? IdentityDecisions { get; init; }

    /// <summary>Name of the blob holding this system's result (export records or erase report).</summary>
    public string? ResultBlob { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Time spent in the connector over all attempts (the nightly health report's task time).</summary>
    public TimeSpan WorkTime { get; init; }

    /// <summary>Attempts the system throttled (answered with a Retry-After), for the nightly health report.</summary>
    public int ThrottledAttempts { get; init; }

    /// <summary>What the task has spent of its attempt budget: attempts started (lease takeovers too) and deferrals.</summary>
    [JsonIgnore]
    public int Spent => Attempts + Deferrals;

    /// <summary>When the latest attempt started; with <see cref="UpdatedAt"/> of a finished task it times that attempt.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    [JsonIgnore]
    public bool IsTerminal => Status is SystemTaskStatus.Succeeded or SystemTaskStatus.Failed;

    /// <summary>True when this system's result must be listed as an exception to the officer and the subject.</summary>
    [JsonIgnore]
    public bool HasExceptions =>
        Status == SystemTaskStatus.Failed || (Outcome is { } outcome && (outcome.HasFailures || outcome.NeedsManualAction || outcome.HasRefusals));

    public static SystemTask Plan(string requestId, string systemId, DateTimeOffset now) =>
        new() { RequestId = requestId, SystemId = systemId, Status = SystemTaskStatus.Pending, UpdatedAt = now };

    /// <summary>A worker picks the task up; a redelivery after a crash starts it again and counts another attempt.</summary>
    public SystemTask Start(DateTimeOffset now)
    {
        EnsureNotTerminal();
        return this with { Status = SystemTaskStatus.Running, Attempts = Attempts + 1, NextAttemptAt = null, UpdatedAt = now, StartedAt = now };
    }

    /// <summary>A delivery found the task running under a live lease and put it off (counted against the budget).</summary>
    public SystemTask Defer()
    {
        EnsureNotTerminal();
        return this with { Deferrals = Deferrals + 1 };
    }

    public SystemTask ScheduleRetry(string reason, DateTimeOffset nextAttemptAt, DateTimeOffset now)
    {
        EnsureRunning();
        return this with
        {
            Status = SystemTaskStatus.RetryScheduled,
            LastError = PersonalDataGuard.Redact(reason),
            NextAttemptAt = nextAttemptAt,
            UpdatedAt = now,
        };
    }

    public SystemTask Succeed(SystemOutcome outcome, string? resultBlob, DateTimeOffset now)
    {
        EnsureRunning();
        return this with
        {
            Status = SystemTaskStatus.Succeeded,
            Outcome = outcome,
            ResultBlob = resultBlob,
            NextAttemptAt = null,
            UpdatedAt = now,
        };
    }

    /// <summary>The connector found an identity conflict: nothing was done, the task waits for an officer.</summary>
    public SystemTask AwaitIdentity(IdentityResolution conflict, DateTimeOffset now)
    {
        EnsureRunning();
        return this with
        {
            Status = SystemTaskStatus.IdentityConflict,
            Conflict = conflict,
            // An intent this attempt recorded is withdrawn (the connector found the conflict before acting); one an
            // earlier attempt recorded stays, since that attempt may have acted before it crashed.
            Intent = Intent is { } intent && intent.RecordedInAttempt < Attempts ? intent : null,
            LastError = PersonalDataGuard.Redact($"Identity conflict: {conflict.Conflict}. Confirm one record or drop an identifier (decision 'resolve-identity')."),
            NextAttemptAt = null,
            UpdatedAt = now,
        };
    }

    /// <summary>An officer's identity decision: the task runs again with it (and every earlier one) applied.</summary>
    public SystemTask ResolveIdentity(IdentityDecision decision, DateTimeOffset now)
    {
        if (Status != SystemTaskStatus.IdentityConflict)
        {
            throw new InvalidOperationException($"Task {RequestId}/{SystemId} is {Status.ToWire()}, not identity-conflict.");
        }

        return this with
        {
            Status = SystemTaskStatus.Pending,
            IdentityDecisions = (IdentityDecisions ?? IdentityDecisions.None).With(decision),
            Conflict = null,
            LastError = null,
            UpdatedAt = now,
        };
    }

    /// <summary>The subject as this system's connector must see it: officers' dropped identifiers removed, confirmed records set.</summary>
    public SubjectIdentity SubjectFor(SubjectIdentity subject)
    {
        if (IdentityDecisions is not { } decisions)
        {
            return subject;
        }

        var result = decisions.Dropped.Aggregate(subject, (s, identifier) => s.Without(identifier));
        return decisions.Confirmed.Count > 0 ? result with { ConfirmedRecords = decisions.Confirmed } : result;
    }

    public SystemTask Fail(string reason, DateTimeOffset now)
    {
        EnsureNotTerminal();
        return this with
        {
            Status = SystemTaskStatus.Failed,
            LastError = PersonalDataGuard.Redact(reason),
            NextAttemptAt = null,
            UpdatedAt = now,
        };
    }

    private void EnsureNotTerminal()
    {
        if (IsTerminal)
        {
            throw new InvalidOperationException($"Task {RequestId}/{SystemId} is already {Status.ToWire()}.");
        }
    }

    private void EnsureRunning()
    {
        if (Status != SystemTaskStatus.Running)
        {
            throw new InvalidOperationException($"Task {RequestId}/{SystemId} is {Status.ToWire()}, not running.");
        }
    }
}
