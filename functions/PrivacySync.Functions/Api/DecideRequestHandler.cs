using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Auth;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Functions.Teams;

namespace PrivacySync.Functions.Api;

/// <summary>
/// Applies an officer's decision through <see cref="RequestLifecycle"/> with an ETag-conditional write. A write
/// that loses a race is re-read and decided once more on the fresh state (which may now refuse it); losing twice is
/// 409. The decision is audited; a request that becomes dispatched is queued for DispatchRequest.
/// </summary>
public sealed class DecideRequestHandler(
    RequestLifecycle lifecycle,
    IRequestStore requests,
    IAuditLog audit,
    RequestDispatcher dispatcher,
    AccessDenials denials,
    RequestReader reader,
    ApiCallers callers,
    IdentityDecisionHandler identity,
    FaultPoints faults,
    TeamsNotifications teams,
    RestrictionLiftLetters liftLetters,
    ILogger<DecideRequestHandler> logger)
{
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["OfficerId"] = "Authorization",
        ["Reason"] = "reason",
        ["Verification"] = "method",
        ["Status"] = "status",
        ["Extended"] = "extended",
        ["DueOn"] = "dueOn",
        ["LegalEntityId"] = "entity",
    };

    public async Task<IResult> HandleAsync(HttpContext context, string id)
    {
        var (read, officerId, refused) = await callers.ReadOfficerBodyAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new List<ApiError>();
        if (!RequestIds.IsValid(id))
        {
            errors.Add(ApiError.InvalidRequestId);
        }

        DecisionForm? form = null;
        if (read.Body is null)
        {
            errors.Add(read.Error!);
        }
        else
        {
            (form, var formErrors) = DecisionForm.Validate(read.Body, officerId!);
            errors.AddRange(formErrors);
        }

        if (form is null || errors.Count > 0)
        {
            ApiLog.Invalid(logger, DecideRequestFunction.Name, errors.Count);
            return ApiResults.BadRequest(errors);
        }

        // Once decided, the write, its audit event and the dispatch run to the end even if the caller goes away.
        var ct = CancellationToken.None;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var stored = await requests.GetAsync(id, ct);
            if (stored is null)
            {
                return ApiResults.UnknownRequest();
            }

            var request = stored.Value;
            if (request.PendingEvent is { } earlier)
            {
                // The previous step's event, in case a crash came between its write and its append.
                await earlier.AppendAsync(audit, ct);
            }

            if (callers.OutsideEntity(request.LegalEntityId, form.Officer) is { } outside)
            {
                await denials.RecordDecisionAsync(id, form.Officer, Wire(form.Decision), ct);
                return outside;
            }

            if (request.Status == RequestStatus.Dispatched)
            {
                // A retried approval whose first call died after the write: the decision stands (the lifecycle
                // answers "already decided"), but its dispatch message may never have been sent.
                await dispatcher.EnsureDispatchedAsync(request, await audit.ReadAsync(id, ct), ct);
            }

            if (form.Decision == Decision.ResolveIdentity)
            {
                return await identity.HandleAsync(request, form.Officer, form.Identity!, ct); // one system's task, not the request
            }

            var result = Apply(request, form);
            if (!result.Succeeded)
            {
                if (result.Error.Kind == DecisionErrorKind.Forbidden)
                {
                    await denials.RecordDecisionAsync(id, form.Officer, Wire(form.Decision), ct);
                }

                return LifecycleErrors.ToResult(result.Error, FieldNames);
            }

            var changed = result.Request;
            if (form.Decision == Decision.LiftRestriction)
            {
                // Art. 18(3): the subject's letter exists before the decision that lets the systems lift is stored.
                changed = changed with { Outputs = [.. changed.Outputs.Where(o => o != OutputFiles.LiftLetter), OutputFiles.LiftLetter] };
                await liftLetters.WriteAsync(changed, ct);
            }

            // The event travels with the decision in one conditional write, then is appended: never one without the other.
            var pending = PendingAuditEvent.For(AuditEntryFor(form, changed), changed.UpdatedAt);
            var decided = changed with { PendingEvent = pending };
            if (await requests.TryReplaceAsync(decided, stored.ETag, ct) is null)
            {
                continue;
            }

            faults.Reached(FaultPoints.Windows.DecisionStored);
            await pending.AppendAsync(audit, ct);
            if (decided.Status == RequestStatus.Dispatched)
            {
                await dispatcher.DispatchAsync(id, ct);
            }

            ApiLog.Decided(logger, Wire(form.Decision), id, decided.Status.ToWire());
            if (decided.Status == RequestStatus.AwaitingApproval && request.Status != RequestStatus.AwaitingApproval)
            {
                await teams.ErasureAwaitingApprovalAsync(id); // verified: now the second officer's turn
            }

            return ApiResults.Json((await reader.ReadDetailAsync(id, ct))!);
        }

        ApiLog.DecisionRaceLost(logger, Wire(form.Decision), id);
        return ApiResults.Error(StatusCodes.Status409Conflict, "status", "the request was changed by someone else at the same time; read it again and retry");
    }

    private LifecycleResult Apply(DataSubjectRequest request, DecisionForm form) => form.Decision switch
    {
        Decision.Verify => lifecycle.Verify(request, form.Officer, form.Method!.Value),
        Decision.Approve => lifecycle.Approve(request, form.Officer),
        Decision.Reject => lifecycle.Reject(request, form.Officer, form.Reason),
        Decision.Extend => lifecycle.Extend(request, form.Officer, form.Reason),
        Decision.LiftRestriction => lifecycle.LiftRestriction(request, form.Officer, form.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(form), form.Decision, null),
    };

    // The reason stays on the request row (it is free text); the trail records who did what and the result.
    private static AuditEntry AuditEntryFor(DecisionForm form, DataSubjectRequest decided)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        var action = form.Decision switch
        {
            Decision.Verify => AuditActions.Verified,
            Decision.Approve => AuditActions.Approved,
            Decision.Reject => AuditActions.Rejected,
            Decision.LiftRestriction => AuditActions.RestrictionLiftNotified,
            _ => AuditActions.Extended,
        };
        if (form.Decision == Decision.Verify)
        {
            details["method"] = decided.Verification.ToWire();
        }

        if (form.Decision == Decision.LiftRestriction)
        {
            details["letter"] = OutputFiles.LiftLetter;
        }

        if (form.Decision == Decision.Extend)
        {
            details["dueOn"] = RequestViews.Date(decided.DueOn);
        }

        return new AuditEntry(decided.RequestId, form.Officer, action, Outcome: decided.Status.ToWire(), Details: details);
    }

    private static string Wire(Decision decision) => decision.ToWire();
}
