using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Functions.SystemTasks;

namespace PrivacySync.Functions.Api;

/// <summary>
/// The "resolve-identity" decision: an officer ends one system's identity conflict by confirming one of the records
/// the conflict lists, or by dropping an identifier that matched. The task becomes pending with the decision applied,
/// is audited and queued; it then runs again (and may stop on a conflict once more). The task is written before its
/// message is sent: a crash in between leaves a pending task without a message, which the nightly reconciliation
/// re-sends, rather than a message that finds the task still in conflict and is dropped. The decision travels on the
/// task, so the run that follows appends its event if a crash came before it.
/// </summary>
public sealed class IdentityDecisionHandler(
    ITaskStore tasks,
    IAuditLog audit,
    WorkQueues queues,
    PrivacySyncOptions configuration,
    RequestReader reader,
    TimeProvider time,
    ILogger<IdentityDecisionHandler> logger)
{
    internal async Task<IResult> HandleAsync(DataSubjectRequest request, string officer, IdentityForm form, CancellationToken ct)
    {
        if (request.IsTerminal)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, "status", $"the request is already {request.Status.ToWire()}");
        }

        var stored = await tasks.GetAsync(request.RequestId, form.System, ct);
        if (stored is null)
        {
            return ApiResults.NotFound("system", "the request has no task for this system");
        }

        var task = stored.Value;
        if (task.Status != SystemTaskStatus.IdentityConflict || task.Conflict is not { } conflict)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, "system",
                $"the task for {form.System} is {task.Status.ToWire()}; only a task in identity-conflict takes this decision");
        }

        IdentityDecision decision;
        if (form.Confirm is { } record)
        {
            if (!conflict.Matches.Any(m => string.Equals(m.Record, record, StringComparison.Ordinal)))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "confirm",
                    $"must be one of the records the conflict lists: {string.Join(", ", conflict.Matches.Select(m => $"'{m.Record}'"))}");
            }

            decision = IdentityDecision.Confirm(officer, record, time.GetUtcNow());
        }
        else
        {
            var matched = conflict.Matches.SelectMany(m => m.MatchedBy).Distinct(StringComparer.Ordinal).ToList();
            if (!matched.Contains(form.Drop!, StringComparer.Ordinal))
            {
                return ApiResults.Error(StatusCodes.Status400BadRequest, "drop",
                    $"matched no record in this conflict; drop one of {string.Join(", ", matched.Where(m => m != Core.Connectors.SubjectIdentifiers.Email).Select(m => $"'{m}'"))}");
            }

            decision = IdentityDecision.Drop(officer, form.Drop!, time.GetUtcNow());
        }

        var resolved = task.ResolveIdentity(decision, time.GetUtcNow());
        if (await tasks.TryReplaceAsync(resolved, stored.ETag, ct) is null)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, "system", "the task was changed by someone else at the same time; read the request again and retry");
        }

        await audit.AppendAsync(decision.ToAuditEntry(request.RequestId, form.System), ct);
        var queue = configuration.FindSystem(form.System)?.Queue ?? TaskQueue.Cloud;
        await queues.RunTaskAsync(new TaskMessage(request.RequestId, form.System), queue, null, ct);
        IdentityLog.Resolved(logger, request.RequestId, form.System, decision.ConfirmedRecord is null ? "drop" : "confirm");
        return ApiResults.Json((await reader.ReadDetailAsync(request.RequestId, ct))!);
    }
}
