using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Deadlines;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Core.Requests;

/// <summary>
/// Officer decisions and system steps on a request. Each returns the changed request or a <see cref="DecisionError"/>;
/// nothing is stored here. Officers act only for entities that list them.
/// </summary>
public sealed class RequestLifecycle(PrivacySyncOptions options, TimeProvider time)
{
    private readonly RequestIds _ids = new(time);

    public LifecycleResult Submit(SubmitRequestCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var entity = options.FindEntity(command.LegalEntityId);
        if (entity is null)
        {
            return new DecisionError("LegalEntityId", "unknown legal entity", DecisionErrorKind.NotFound);
        }

        if (Refusal(entity, command.SubmittedBy, "SubmittedBy") is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(command.SubmissionId))
        {
            return new DecisionError("SubmissionId", "is required");
        }

        if (!Enum.IsDefined(command.Type))
        {
            return new DecisionError("Type", $"must be {WireNames.Describe<RequestType>()}");
        }

        if ((command.Type == RequestType.Restriction) != (command.RestrictionGround is not null))
        {
            return new DecisionError("RestrictionGround", command.Type == RequestType.Restriction ? "is required for a restriction" : "only for a restriction");
        }

        if (!Enum.IsDefined(command.Verification))
        {
            return new DecisionError("Verification", $"must be {WireNames.Describe<IdentityVerification>()}");
        }

        if (command.ReceivedOn > JurisdictionCalendar.Today(time, entity.Jurisdiction))
        {
            return new DecisionError("ReceivedOn", "cannot be in the future");
        }

        if (ProcessorRefusal(entity, command.ControllerInstruction) is { } processorRefusal)
        {
            return processorRefusal;
        }

        var now = time.GetUtcNow();
        var received = new DataSubjectRequest
        {
            RequestId = _ids.Next(),
            Type = command.Type,
            LegalEntityId = entity.Id!,
            ReceivedOn = command.ReceivedOn,
            DueOn = DeadlineCalculator.DueOn(command.ReceivedOn, entity.Jurisdiction, extended: false),
            Status = RequestStatus.Received,
            SubmittedBy = command.SubmittedBy,
            SubmissionId = command.SubmissionId,
            Verification = command.Verification,
            Language = command.Language ?? entity.DefaultLanguage,
            ControllerInstruction = command.ControllerInstruction,
            Restriction = command.RestrictionGround is { } ground ? new RestrictionState { Ground = ground } : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var next = command.Verification == IdentityVerification.Pending ? RequestStatus.AwaitingVerification : AfterVerification(received, entity);
        return Move(received, next, now);
    }

    /// <summary>Records how the subject's identity was verified, then routes as at submission.</summary>
    public LifecycleResult Verify(DataSubjectRequest request, string officerId, IdentityVerification method)
    {
        if (Guard(request, officerId, "OfficerId", RequestStatus.AwaitingVerification, out var entity) is { } refused)
        {
            return refused;
        }

        if (method == IdentityVerification.Pending || !Enum.IsDefined(method))
        {
            return new DecisionError("Verification", "must name the method used to verify the subject's identity");
        }

        var verified = request with { Verification = method, VerifiedBy = officerId };
        return Move(verified, AfterVerification(verified, entity), time.GetUtcNow());
    }

    /// <summary>The second officer's approval of an erasure (four-eyes): the approver cannot be the submitter.</summary>
    public LifecycleResult Approve(DataSubjectRequest request, string officerId)
    {
        if (Guard(request, officerId, "OfficerId", RequestStatus.AwaitingApproval, out _) is { } refused)
        {
            return refused;
        }

        if (string.Equals(officerId, request.SubmittedBy, StringComparison.OrdinalIgnoreCase))
        {
            return new DecisionError("OfficerId", "the approver must be a different officer than the one who submitted the request", DecisionErrorKind.Forbidden);
        }

        return Move(request with { ApprovedBy = officerId }, RequestStatus.Dispatched, time.GetUtcNow());
    }

    public LifecycleResult Reject(DataSubjectRequest request, string officerId, string? reason)
    {
        if (Guard(request, officerId, "OfficerId", null, out _) is { } refused)
        {
            return refused;
        }

        if (!RequestTransitions.IsAllowed(request.Status, RequestStatus.Rejected))
        {
            return Conflict(request, "a request can only be rejected before it is dispatched");
        }

        if (ReasonError(reason) is { } invalid)
        {
            return invalid;
        }

        return Move(request with { RejectedBy = officerId, RejectionReason = reason!.Trim() }, RequestStatus.Rejected, time.GetUtcNow());
    }

    /// <summary>
    /// Decides to lift a restriction that holds (Art. 18(3)): the subject's letter is issued with this step, and the
    /// systems lift it from the next night on, never before the letter. Only on a finished restriction request.
    /// </summary>
    public LifecycleResult LiftRestriction(DataSubjectRequest request, string officerId, string? reason)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entity = options.FindEntity(request.LegalEntityId);
        if (entity is null)
        {
            return new DecisionError("LegalEntityId", "the request's legal entity is no longer configured", DecisionErrorKind.Conflict);
        }

        if (Refusal(entity, officerId, "OfficerId") is { } refused)
        {
            return refused;
        }

        if (request.Type != RequestType.Restriction)
        {
            return Conflict(request, "only a restriction request has a restriction to lift");
        }

        if (request.Restriction is not { Since: not null } restriction || request.Status is not (RequestStatus.Completed or RequestStatus.CompletedWithExceptions))
        {
            return Conflict(request, "the restriction is not in place yet: it can be lifted once the request has completed");
        }

        if (restriction.LiftNotifiedAt is not null)
        {
            return Conflict(request, restriction.Holds ? "the lift is already decided and the subject told; the systems lift it tonight" : "the restriction was already lifted");
        }

        if (ReasonError(reason) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        return LifecycleResult.Success(request with
        {
            Restriction = restriction with { LiftDecidedBy = officerId, LiftNotifiedAt = now, LiftReason = reason!.Trim() },
            UpdatedAt = now,
        });
    }

    /// <summary>
    /// Art. 12(3) extension to three months after receipt: once, with a reason, while the request is open and
    /// while the original deadline has not passed (the subject must be told of it within the first month).
    /// </summary>
    public LifecycleResult Extend(DataSubjectRequest request, string officerId, string? reason)
    {
        if (Guard(request, officerId, "OfficerId", null, out var entity) is { } refused)
        {
            return refused;
        }

        if (request.Extended)
        {
            return new DecisionError("Extended", "the deadline has already been extended once", DecisionErrorKind.Conflict);
        }

        if (ReasonError(reason) is { } invalid)
        {
            return invalid;
        }

        if (JurisdictionCalendar.Today(time, entity.Jurisdiction) > request.DueOn)
        {
            return new DecisionError("DueOn", "the original deadline has passed; an extension must be notified within the first month", DecisionErrorKind.Conflict);
        }

        return LifecycleResult.Success(request with
        {
            Extended = true,
            ExtensionReason = reason!.Trim(),
            ExtendedBy = officerId,
            DueOn = DeadlineCalculator.DueOn(request.ReceivedOn, entity.Jurisdiction, extended: true),
            UpdatedAt = time.GetUtcNow(),
        });
    }

    /// <summary>
    /// The planner's step: tasks are planned for <paramref name="plannedTasks"/> systems. With none enabled, nothing
    /// can be searched, so the request completes with exceptions for an officer to handle.
    /// </summary>
    public LifecycleResult Dispatch(DataSubjectRequest request, int plannedTasks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plannedTasks);
        if (request.Status != RequestStatus.Dispatched)
        {
            return Conflict(request, "tasks can only be planned for a dispatched request");
        }

        var now = time.GetUtcNow();
        return plannedTasks > 0
            ? Move(request, RequestStatus.Collecting, now)
            : Move(request with { CompletedAt = now }, RequestStatus.CompletedWithExceptions, now);
    }

    /// <summary>
    /// The collector's step once every task is terminal and some exported texts need an officer's review first
    /// (Art. 15(4)): the request waits, and the package is made once each of the <paramref name="items"/> is decided.
    /// </summary>
    public LifecycleResult AwaitReview(DataSubjectRequest request, int items)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(items);
        return request.Status != RequestStatus.Collecting
            ? Conflict(request, "only a request that is collecting results can wait on a review")
            : Move(request with { ReviewItems = items }, RequestStatus.AwaitingReview, time.GetUtcNow());
    }

    /// <summary>The collector's step once every planned task is terminal (and, where one was required, the review done).</summary>
    public LifecycleResult Complete(DataSubjectRequest request, IReadOnlyCollection<SystemTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (request.Status is not (RequestStatus.Collecting or RequestStatus.AwaitingReview))
        {
            return Conflict(request, "only a request that is collecting results or awaiting review can complete");
        }

        if (tasks.Count == 0 || tasks.Any(t => t.RequestId != request.RequestId))
        {
            return new DecisionError("Tasks", "the request's planned tasks are required");
        }

        if (tasks.Any(t => !t.IsTerminal))
        {
            return new DecisionError("Tasks", "some systems have not finished yet", DecisionErrorKind.Conflict);
        }

        var now = time.GetUtcNow();
        var status = tasks.Any(t => t.HasExceptions) ? RequestStatus.CompletedWithExceptions : RequestStatus.Completed;
        return Move(request with { CompletedAt = now }, status, now);
    }

    private static RequestStatus AfterVerification(DataSubjectRequest request, LegalEntityOptions entity) =>
        ChangesData(request.Type) && entity.ErasureRequiresSecondApproval
            ? RequestStatus.AwaitingApproval
            : RequestStatus.Dispatched;

    /// <summary>Requests that change the subject's data in the systems take the four-eyes approval erasure takes.</summary>
    public static bool ChangesData(RequestType type) => type is RequestType.Erasure or RequestType.Rectification or RequestType.Restriction;

    private static LifecycleResult Move(DataSubjectRequest request, RequestStatus to, DateTimeOffset now)
    {
        if (!RequestTransitions.IsAllowed(request.Status, to))
        {
            // Every caller checks the state first; reaching this is a bug in the table or the caller.
            throw new InvalidOperationException($"Request {request.RequestId}: {request.Status.ToWire()} → {to.ToWire()} is not a transition.");
        }

        return LifecycleResult.Success(request with { Status = to, UpdatedAt = now });
    }

    /// <summary>Entity, officer and (optionally) required-state checks shared by officer decisions.</summary>
    private DecisionError? Guard(
        DataSubjectRequest request, string officerId, string officerField, RequestStatus? requiredStatus, out LegalEntityOptions entity)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = options.FindEntity(request.LegalEntityId);
        if (found is null)
        {
            entity = null!; // never read: the caller returns the error
            return new DecisionError("LegalEntityId", "the request's legal entity is no longer configured", DecisionErrorKind.Conflict);
        }

        entity = found;

        if (Refusal(entity, officerId, officerField) is { } refused)
        {
            return refused;
        }

        if (request.IsTerminal)
        {
            return Conflict(request, "the request is closed and cannot change");
        }

        return requiredStatus is { } status && request.Status != status
            ? Conflict(request, $"the request is not {status.ToWire()}")
            : null;
    }

    private static DecisionError? Refusal(LegalEntityOptions entity, string? officerId, string field) =>
        entity.HasOfficer(officerId)
            ? null
            : new DecisionError(field, $"is not an officer of {entity.Name}", DecisionErrorKind.Forbidden);

    // A processor does not answer the subject itself (Art. 28(3)(e)): it acts on the controller's instruction.
    private static DecisionError? ProcessorRefusal(LegalEntityOptions entity, string? instruction)
    {
        if (!entity.IsProcessor)
        {
            return instruction is null
                ? null
                : new DecisionError("ControllerInstruction", $"only for an entity that acts as processor; {entity.Name} is the controller");
        }

        if (string.IsNullOrWhiteSpace(instruction))
        {
            return new DecisionError(
                "ControllerInstruction",
                $"{entity.Name} processes this data for {entity.ActsAsProcessorFor}: forward the subject's request to the controller, "
                + "or submit it with the reference of the controller's documented instruction");
        }

        return PersonalDataGuard.LooksLikeEmail(instruction)
            ? new DecisionError("ControllerInstruction", "must be the controller's reference, not an email address")
            : null;
    }

    private static DecisionError? ReasonError(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new DecisionError("Reason", "is required");
        }

        return PersonalDataGuard.LooksLikeEmail(reason)
            ? new DecisionError("Reason", "must not contain an email address (the request record holds no personal data)")
            : null;
    }

    private static DecisionError Conflict(DataSubjectRequest request, string message) =>
        new("Status", $"{message} (it is {request.Status.ToWire()})", DecisionErrorKind.Conflict);
}
