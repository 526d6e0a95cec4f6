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
/// plans nothing twice: tasks are created only if absent and only pending ones are sent again.
/// </summary>
public sealed class DispatchRequestFunction(
    IRequestStore requests,
    ITaskStore tasks,
    IAuditLog audit,
    PrivacySyncOptions options,
    RequestLifecycle lifecycle,
    WorkQueues queues,
    TimeProvider time,
    ILogger<DispatchRequestFunction> logger)
{
    [Function(FunctionNames.DispatchRequest)]
    public async Task RunAsync([QueueTrigger(QueueNames.Dispatch)] RequestMessage message, CancellationToken ct)
    {
        var stored = await requests.GetAsync(message.RequestId, ct);
        if (stored is null)
        {
            logger.UnknownRequest(message.RequestId);
            return;
        }

        if (stored.Value.Status == RequestStatus.Dispatched)
        {
            stored = await PlanAsync(stored, ct);
            if (stored is null)
            {
                return; // another dispatcher moved it on; its own message fans out
            }
        }

        if (stored.Value.Status != RequestStatus.Collecting)
        {
            return;
        }

        var planned = await tasks.ListAsync(message.RequestId, ct);
        if (planned.All(t => t.Value.IsTerminal))
        {
            await queues.CollectAsync(message.RequestId, null, ct);
            return;
        }

        foreach (var task in planned.Select(t => t.Value).Where(t => t.Status == SystemTaskStatus.Pending))
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

        var moved = lifecycle.Dispatch(request, systems.Count);
        var next = moved.Request ?? throw new InvalidOperationException($"Request {request.RequestId}: {moved.Error}");
        var etag = await requests.TryReplaceAsync(next, stored.ETag, ct);
        if (etag is null)
        {
            return null;
        }

        await audit.AppendAsync(
            new AuditEntry(request.RequestId, AuditActors.System, AuditActions.Dispatched, Outcome: next.Status.ToWire(),
                Details: new Dictionary<string, string> { ["systems"] = string.Join(",", systems.Select(s => s.Id)) }),
            ct);
        logger.Dispatched(request.RequestId, systems.Count);
        return new Versioned<DataSubjectRequest>(next, etag);
    }
}
