using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Storage;

namespace PrivacySync.Functions.Orchestration;

/// <summary>
/// The queues of the flow (DESIGN.md). The names are constants because the trigger attributes need them; nothing
/// else spells a queue name — senders go through <see cref="WorkQueues"/>.
/// </summary>
public static class QueueNames
{
    // Spelled once, in the storage library, which the tools that read the queues share.
    public const string Dispatch = FlowQueueNames.Dispatch;
    public const string Tasks = FlowQueueNames.Tasks;
    public const string OnPremTasks = FlowQueueNames.OnPremTasks;
    public const string Collect = FlowQueueNames.Collect;
    public const string Notify = FlowQueueNames.Notify;

    /// <summary>Where the host moves a message it could not process after maxDequeueCount deliveries.</summary>
    public static string Poison(string queueName) => FlowQueueNames.Poison(queueName);

    public static string ForTasks(TaskQueue queue) => queue == TaskQueue.OnPrem ? OnPremTasks : Tasks;
}

/// <summary>A request to plan, or to collect: identifiers only, never personal data.</summary>
public sealed record RequestMessage(string RequestId);

/// <summary>One system's task of a request: identifiers only.</summary>
public sealed record TaskMessage(string RequestId, string SystemId);

/// <summary>
/// The one way the app enqueues: each message kind goes to its queue, optionally invisible for a delay (retries,
/// lease waits). Queues are created on first use, so a fresh storage account needs no set-up.
/// </summary>
public sealed class WorkQueues(StorageClients storage)
{
    public Task DispatchAsync(string requestId, CancellationToken ct) =>
        SendAsync(QueueNames.Dispatch, new RequestMessage(requestId), null, ct);

    public Task CollectAsync(string requestId, TimeSpan? delay, CancellationToken ct) =>
        SendAsync(QueueNames.Collect, new RequestMessage(requestId), delay, ct);

    public Task RunTaskAsync(TaskMessage task, TaskQueue queue, TimeSpan? delay, CancellationToken ct) =>
        SendAsync(QueueNames.ForTasks(queue), task, delay, ct);

    public Task NotifyAsync(Teams.NotificationMessage message, TimeSpan? delay, CancellationToken ct) =>
        SendAsync(QueueNames.Notify, message, delay, ct);

    private Task SendAsync<T>(string queueName, T message, TimeSpan? delay, CancellationToken ct) =>
        storage.SendAsync(queueName, CoreJson.Serialize(message), delay, ct);
}
