namespace PrivacySync.Core.Reconciliation;

/// <summary>What the flow's queues hold right now, read without disturbing them (peeked, never received).</summary>
public interface IWorkQueueView
{
    Task<WorkQueueSnapshot> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The visible messages of the flow's queues, by the ids they carry. A queue whose backlog is larger than what can be
/// peeked is marked incomplete: absence from it proves nothing, so no message of it is called lost.
/// </summary>
public sealed record WorkQueueSnapshot(
    QueuedIds Dispatch,
    QueuedIds Collect,
    QueuedIds Tasks,
    IReadOnlyList<PoisonMessage> Poison)
{
    public static WorkQueueSnapshot Empty { get; } = new(QueuedIds.None, QueuedIds.None, QueuedIds.None, []);
}

/// <summary>Request ids (and "requestId/systemId" for tasks) seen in a queue; Complete when every message was seen.</summary>
public sealed record QueuedIds(IReadOnlySet<string> Ids, bool Complete)
{
    public static QueuedIds None { get; } = new(new HashSet<string>(StringComparer.Ordinal), true);

    public bool Holds(string id) => Ids.Contains(id);

    public static string TaskId(string requestId, string systemId) => requestId + "/" + systemId;
}

/// <summary>
/// A message in a <c>-poison</c> queue: the queue it came from, and the request (and system) it names when its body
/// could be read. <see cref="More"/> counts the messages of that poison queue beyond those peeked.
/// </summary>
public sealed record PoisonMessage(string SourceQueue, string? RequestId, string? SystemId, DateTimeOffset? InsertedOn, int More = 0);
