using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Newtonsoft.Json;
using PrivacySync.Core.Common;
using PrivacySync.Core.Reconciliation;

namespace PrivacySync.Storage.Reconciliation;

/// <summary>
/// Reads the flow's queues by peeking, which neither hides a message nor counts a delivery, so the reconciliation can
/// run beside the functions. A peek returns at most 32 visible messages: a queue that returned the full 32 has a backlog
/// and is marked incomplete.
/// </summary>
public sealed class StorageWorkQueueView(StorageClients clients) : IWorkQueueView
{
    private const int PeekLimit = 32;

    public async Task<WorkQueueSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var dispatch = await PeekAsync(FlowQueueNames.Dispatch, cancellationToken);
        var collect = await PeekAsync(FlowQueueNames.Collect, cancellationToken);
        var cloudTasks = await PeekAsync(FlowQueueNames.Tasks, cancellationToken);
        var onPremTasks = await PeekAsync(FlowQueueNames.OnPremTasks, cancellationToken);

        var poison = new List<PoisonMessage>();
        foreach (var source in FlowQueueNames.All)
        {
            poison.AddRange(await PoisonAsync(source, cancellationToken));
        }

        return new WorkQueueSnapshot(
            RequestIds(dispatch),
            RequestIds(collect),
            new QueuedIds(
                cloudTasks.Messages.Concat(onPremTasks.Messages).Select(Ids).Where(m => m is { SystemId: not null }).Select(m => QueuedIds.TaskId(m!.RequestId!, m.SystemId!))
                    .ToHashSet(StringComparer.Ordinal),
                cloudTasks.Complete && onPremTasks.Complete),
            poison);
    }

    private static QueuedIds RequestIds(Peeked peeked) =>
        new(peeked.Messages.Select(Ids).Where(m => m is not null).Select(m => m!.RequestId!).ToHashSet(StringComparer.Ordinal), peeked.Complete);

    private async Task<IReadOnlyList<PoisonMessage>> PoisonAsync(string source, CancellationToken ct)
    {
        var queue = clients.Queue(FlowQueueNames.Poison(source));
        var peeked = await PeekAsync(queue, ct);
        if (peeked.Messages.Count == 0)
        {
            return [];
        }

        var more = 0;
        if (!peeked.Complete)
        {
            var properties = await queue.GetPropertiesAsync(ct);
            more = Math.Max(0, properties.Value.ApproximateMessagesCount - peeked.Messages.Count);
        }

        return peeked.Messages
            .Select((message, index) => (ids: Ids(message), message, index))
            .Select(m => new PoisonMessage(source, m.ids?.RequestId, m.ids?.SystemId, m.message.InsertedOn, m.index == peeked.Messages.Count - 1 ? more : 0))
            .ToList();
    }

    private Task<Peeked> PeekAsync(string name, CancellationToken ct) => PeekAsync(clients.Queue(name), ct);

    private static async Task<Peeked> PeekAsync(QueueClient queue, CancellationToken ct)
    {
        try
        {
            PeekedMessage[] messages = await queue.PeekMessagesAsync(PeekLimit, ct);
            return new Peeked(messages, messages.Length < PeekLimit);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new Peeked([], true); // never used yet: nothing queued
        }
    }

    /// <summary>The ids a flow message carries, or null when its body is not one (the reason it may be poison).</summary>
    private static MessageIds? Ids(PeekedMessage message)
    {
        try
        {
            var ids = CoreJson.Deserialize<MessageIds>(message.Body.ToString());
            return string.IsNullOrWhiteSpace(ids.RequestId) ? null : ids;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private sealed record Peeked(IReadOnlyList<PeekedMessage> Messages, bool Complete);

    private sealed record MessageIds(string? RequestId, string? SystemId);
}
