using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Dispatch;

/// <summary>
/// [dsr-dispatch] → plans one task per system enabled for the request's entity and type, moves the request to
/// collecting, and fans out one message per pending task (cloud or on-premises queue). A redelivered message
/// plans nothing twice: tasks are created only if absent and only pending ones are sent again; a redelivery after a
/// crash between the move to collecting and its event records the event.
/// </summary>
public sealed class DispatchRequestFunction(
    IRequestStore requests,
    ITaskStore tasks,
    IAuditLog audit,
    PrivacySyncOptions options,
    RequestLifecycle lifecycle,
    WorkQueues queues,
    FaultPoints faults,
    TimeProvider time,
    ILogger<DispatchRequestFunction> logger)
{
    private const string SystemsDetail = "systems";

    [Function(FunctionNames.DispatchRequest)]
    public async Task RunAsync([QueueTrigger(QueueNames.Dispatch)] RequestMessage message, CancellationToken ct)
    {
        var stored = await requests.GetAsync(message.RequestId, ct);
        if (stored is null)
        {
            logger.UnknownRequest(message.RequestId);
            return;
        }

        var planned = false;
        if (stored.Value.Status == RequestStatus.Dispatched)
        {
            stored = await PlanAsync(stored, ct);
            if (stored is null)
            {
                return; // another dispatcher moved it on; its own message fans out
            }

            planned = true;
        }

        if (stored.Value.Status != RequestStatus.Collecting)
        {
            return;
        }

        if (!planned)
        {
            // A redelivery: a crash may have come between the move to collecting and its event.
            await EnsurePlannedEventAsync(stored.Value, ct);
        }

        var plannedTasks = await tasks.ListAsync(message.RequestId, ct);
        if (plannedTasks.All(t => t.Value.IsTerminal))
        {
            await queues.CollectAsync(message.RequestId, null, ct);
            return;
        }

        foreach (var task in plannedTasks.Select(t => t.Value).Where(t => t.Status == SystemTaskStatus.Pending))
        {
            var queue = options.FindSystem(task.SystemId)?.Queue ?? TaskQueue.Cloud;
            await queues.RunTaskAsync(new TaskMessage(task.RequestId, task.SystemId), queue, null, ct);
        }
    }

    private async Task<Versioned<DataSubjectRequest>?> PlanAsync(Versioned<DataSubjectRequest> stored, CancellationToken ct)
    {
        var request = stored.Value;
        var systems = options.ResolveSystems(request.LegalEntityId, request.Type);
        var now = time.GetUtcNow();
        foreach (var system in systems)
        {
            await tasks.TryCreateAsync(SystemTask.Plan(request.RequestId, system.Id!, now), ct);
        }

        faults.Reached(FaultPoints.Windows.TasksPlanned);

        if (request.PendingEvent is { } pending)
        {
            // The decision or submission that dispatched it: its event first (a crash may have come before it), so
            // this write can clear it.
            await pending.AppendAsync(audit, ct);
        }

        var moved = lifecycle.Dispatch(request, systems.Count);
        var next = (moved.Request ?? throw new InvalidOperationException($"Request {request.RequestId}: {moved.Error}")) with { PendingEvent = null };
        var etag = await requests.TryReplaceAsync(next, stored.ETag, ct);
        if (etag is null)
        {
            return null;
        }

        faults.Reached(FaultPoints.Windows.RequestCollecting);
        await audit.AppendAsync(PlannedEvent(request.RequestId, next.Status, systems.Select(s => s.Id!)), ct);
        logger.Dispatched(request.RequestId, systems.Count);
        return new Versioned<DataSubjectRequest>(next, etag);
    }

    private async Task EnsurePlannedEventAsync(DataSubjectRequest request, CancellationToken ct)
    {
        var trail = await audit.ReadAsync(request.RequestId, ct);
        if (!trail.Any(e => e.Action == AuditActions.Dispatched && e.Details?.ContainsKey(SystemsDetail) == true))
        {
            var systems = (await tasks.ListAsync(request.RequestId, ct)).Select(t => t.Value.SystemId);
            await audit.AppendAsync(PlannedEvent(request.RequestId, request.Status, systems), ct);
        }
    }

    private static AuditEntry PlannedEvent(string requestId, RequestStatus status, IEnumerable<string> systems) =>
        new(requestId, AuditActors.System, AuditActions.Dispatched, Outcome: status.ToWire(),
            Details: new Dictionary<string, string> { [SystemsDetail] = string.Join(",", systems) }, OnceKey: "dispatch-planned");
}
