using Azure;
using PrivacySync.Core.Common;
using PrivacySync.Storage;

namespace PrivacySync.Functions.Orchestration;

/// <summary>The queues of the flow (DESIGN.md) and their messages: identifiers only, never personal data.</summary>
public static class QueueNames
{
    public const string Dispatch = "dsr-dispatch";
    public const string Tasks = "dsr-tasks";
    public const string OnPremTasks = "dsr-tasks-onprem";
    public const string Collect = "dsr-collect";
}

public sealed record RequestMessage(string RequestId);

public sealed record TaskMessage(string RequestId, string SystemId);

/// <summary>
/// Sends flow messages directly, for the cases output bindings cannot express: from HTTP functions (which the
/// host forwards as plain HTTP) and delayed retries.
/// </summary>
public sealed class WorkQueues(StorageClients clients)
{
    public async Task SendAsync<T>(string queueName, T message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var queue = clients.Queue(queueName);
        var text = CoreJson.Serialize(message);
        try
        {
            await queue.SendMessageAsync(text, delay, null, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "QueueNotFound")
        {
            // Queues are created at start, but a queue deleted since (or a new one) is created on first use.
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await queue.SendMessageAsync(text, delay, null, cancellationToken);
        }
    }
}
