using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Api;
using PrivacySync.Functions.Auth;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Functions.Teams;

namespace PrivacySync.Functions.Intake;

/// <summary>
/// Takes in a Teams form. Writes happen in an order that a crash anywhere can be recovered from by submitting the
/// same form again (same submissionId): bind the submission to a request id → subject identifiers, corrections and notes
/// (under that id) → request row → "submitted" event → dispatch message (then "dispatched" event). Binding first
/// means a retry always lands on the same id, and no subject data is ever stored under an id that no submission
/// points to. A retry finds the binding and finishes whatever step is missing.
/// </summary>
public sealed class SubmitRequestHandler(
    PrivacySyncOptions options,
    RequestLifecycle lifecycle,
    IRequestStore requests,
    ISubjectStore subjects,
    IAuditLog audit,
    RequestDispatcher dispatcher,
    AccessDenials denials,
    ApiCallers callers,
    FaultPoints faults,
    TeamsNotifications teams,
    TimeProvider time,
    ILogger<SubmitRequestHandler> logger)
{
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["LegalEntityId"] = "legalEntity",
        ["SubmittedBy"] = "legalEntity",
        ["SubmissionId"] = "submissionId",
        ["Type"] = "requestType",
        ["Verification"] = "identityVerification",
        ["ReceivedOn"] = "receivedOn",
        ["Language"] = "language",
        ["ControllerInstruction"] = "controllerInstruction",
    };

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var caller = await callers.AuthenticateAsync(context);
        if (caller.Refusal is not null)
        {
            return caller.Refusal;
        }

        var read = await JsonBody.ReadAsync(context.Request, context.RequestAborted);
        if (read.TooLarge)
        {
            return ApiResults.TooLarge();
        }

        if (read.Body is null)
        {
            ApiLog.Invalid(logger, SubmitRequestFunction.Name, 1);
            return ApiResults.BadRequest([read.Error!]);
        }

        var acting = callers.Acting(caller.Caller!, read.Body);
        if (acting.Refusal is not null)
        {
            return acting.Refusal;
        }

        var (form, errors) = SubmissionValidator.Validate(read.Body, options, time, acting.OfficerId!);
        if (form is null)
        {
            ApiLog.Invalid(logger, SubmitRequestFunction.Name, errors.Count);
            return ApiResults.BadRequest(errors);
        }

        // From here on the writes run to the end even if the caller goes away: a half-done submission would
        // otherwise wait for a retry that may never come.
        var ct = CancellationToken.None;
        if (!form.Entity.HasOfficer(form.SubmittedBy))
        {
            await denials.RecordSubmissionAsync(form.Entity.Id!, form.SubmittedBy, ct);
            return ApiResults.Error(StatusCodes.Status403Forbidden, "legalEntity", $"you are not an officer of {form.Entity.Name}, so you cannot submit its requests");
        }

        var submitted = lifecycle.Submit(form.ToCommand());
        if (!submitted.Succeeded)
        {
            if (submitted.Error.Kind == DecisionErrorKind.Forbidden)
            {
                await denials.RecordSubmissionAsync(form.Entity.Id!, form.SubmittedBy, ct);
            }

            return LifecycleErrors.ToResult(submitted.Error, FieldNames);
        }

        var fresh = submitted.Request;
        // One binding scope for every entity: a submission id reused for another entity is found, and refused, too.
        var requestId = await requests.BindSubmissionAsync(SubmissionComparison.BindingScope, form.SubmissionId, fresh.RequestId, ct);
        if (await requests.GetAsync(requestId, ct) is { } existing)
        {
            // The same submission id for other content is a mistake (or a replay), never a silent repeat.
            if (await SubmissionComparison.FirstDifferenceAsync(existing.Value, form, subjects, ct) is { } field)
            {
                ApiLog.SubmissionReused(logger, existing.Value.RequestId, field);
                return ApiResults.Error(StatusCodes.Status409Conflict, field,
                    $"differs from the request this submissionId was first used for ({existing.Value.RequestId}); use a new submissionId for a new request");
            }

            return await RepeatedAsync(existing.Value, ct);
        }

        if (requestId != fresh.RequestId)
        {
            // Bound by an earlier attempt that stopped before storing the request: finish it under that id.
            ApiLog.CompletingInterruptedSubmission(logger, requestId);
        }

        var request = fresh with { RequestId = requestId };
        request = request with { PendingEvent = PendingAuditEvent.For(SubmittedEntry(request), request.CreatedAt) };
        await subjects.SaveAsync(requestId, form.Subject, ct);
        if (form.Corrections is { Count: > 0 } corrections)
        {
            await subjects.SaveCorrectionsAsync(requestId, corrections, ct);
        }

        if (form.Notes is not null)
        {
            await subjects.SaveNotesAsync(requestId, form.Notes, ct);
        }

        faults.Reached(FaultPoints.Windows.SubjectSaved);
        if (!await requests.TryCreateAsync(request, ct))
        {
            // The same form, sent twice at once, got there first.
            var winner = await requests.GetAsync(requestId, ct)
                ?? throw new InvalidOperationException($"Request {requestId} exists and cannot be read.");
            return await RepeatedAsync(winner.Value, ct);
        }

        faults.Reached(FaultPoints.Windows.RequestCreated);
        await request.PendingEvent!.AppendAsync(audit, ct);
        if (request.Status == RequestStatus.Dispatched)
        {
            await dispatcher.DispatchAsync(requestId, ct);
        }

        ApiLog.Submitted(logger, requestId, request.Status.ToWire());
        await NotifyAsync(request);
        return ApiResults.Json(RequestViews.Accepted(request), StatusCodes.Status202Accepted);
    }

    /// <summary>The office hears of the new request in Teams, and of the decision it waits for (cards are queued, never awaited on Teams).</summary>
    private async Task NotifyAsync(DataSubjectRequest request)
    {
        await teams.RequestReceivedAsync(request.RequestId);
        if (request.Status == RequestStatus.AwaitingVerification)
        {
            await teams.VerificationMissingAsync(request.RequestId);
        }
        else if (request.Status == RequestStatus.AwaitingApproval)
        {
            await teams.ErasureAwaitingApprovalAsync(request.RequestId);
        }
    }

    /// <summary>The submission was seen before: finish any step a crash left undone, answer with the stored request.</summary>
    private async Task<IResult> RepeatedAsync(DataSubjectRequest request, CancellationToken ct)
    {
        if (request.PendingEvent is { Entry.Action: AuditActions.Submitted } pending)
        {
            await pending.AppendAsync(audit, ct);
        }
        else if (!(await audit.ReadAsync(request.RequestId, ct)).Any(e => e.Action == AuditActions.Submitted))
        {
            await audit.AppendAsync(SubmittedEntry(request), ct); // a request stored before pending events
        }

        await dispatcher.EnsureDispatchedAsync(request, await audit.ReadAsync(request.RequestId, ct), ct);
        ApiLog.Resubmitted(logger, request.RequestId);
        return ApiResults.Json(RequestViews.Accepted(request), StatusCodes.Status200OK);
    }

    private static AuditEntry SubmittedEntry(DataSubjectRequest request) =>
        new(
            request.RequestId,
            request.SubmittedBy,
            AuditActions.Submitted,
            Outcome: request.Status.ToWire(),
            Details: new Dictionary<string, string>
            {
                ["type"] = request.Type.ToWire(),
                ["entity"] = request.LegalEntityId,
                ["verification"] = request.Verification.ToWire(),
                ["dueOn"] = RequestViews.Date(request.DueOn),
            });
}
