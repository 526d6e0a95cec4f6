using Microsoft.Extensions.Logging;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>
/// Sends a dispatched request's message to the dispatch queue, then records "dispatched" in its audit trail. The
/// event comes after the send, so a request that is dispatched but has no such event is one whose message may
/// never have been sent (a crash in between): <see cref="EnsureDispatchedAsync"/> sends it then.
/// </summary>
public sealed class RequestDispatcher(WorkQueues queues, IAuditLog audit, ILogger<RequestDispatcher> logger)
{
    public async Task DispatchAsync(string requestId, CancellationToken ct)
    {
        var queue = QueueNames.Dispatch;
        await queues.DispatchAsync(requestId, ct);
        await audit.AppendAsync(
            new AuditEntry(requestId, AuditActors.System, AuditActions.Dispatched, Details: new Dictionary<string, string> { ["queue"] = queue }, OnceKey: "dispatch-queued"),
            ct);
        ApiLog.DispatchQueued(logger, requestId, queue);
    }

    /// <summary>Sends the message when the request is dispatched and its trail shows no dispatch yet.</summary>
    public async Task<bool> EnsureDispatchedAsync(DataSubjectRequest request, IReadOnlyList<AuditEvent> trail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(trail);
        if (request.Status != RequestStatus.Dispatched || trail.Any(e => e.Action == AuditActions.Dispatched))
        {
            return false;
        }

        await DispatchAsync(request.RequestId, ct);
        return true;
    }
}
