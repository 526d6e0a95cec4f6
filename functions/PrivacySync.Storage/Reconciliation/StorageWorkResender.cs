using PrivacySync.Core.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Reconciliation;

namespace PrivacySync.Storage.Reconciliation;

/// <summary>
/// Sends the flow's messages again in the shape the functions send and take them (JSON of the ids, through the base64
/// queue client); a task goes to its system's queue (cloud or on-premises) from the configuration document.
/// </summary>
public sealed class StorageWorkResender(StorageClients clients, PrivacySyncOptions? configuration) : IWorkResender
{
    public Task ResendDispatchAsync(string requestId, CancellationToken cancellationToken) =>
        SendAsync(FlowQueueNames.Dispatch, CoreJson.Serialize(new RequestIds(requestId)), cancellationToken);

    public Task ResendCollectAsync(string requestId, CancellationToken cancellationToken) =>
        SendAsync(FlowQueueNames.Collect, CoreJson.Serialize(new RequestIds(requestId)), cancellationToken);

    public async Task<bool> TryResendTaskAsync(string requestId, string systemId, CancellationToken cancellationToken)
    {
        if (configuration?.FindSystem(systemId) is not { } system)
        {
            return false;
        }

        var queue = system.Queue == TaskQueue.OnPrem ? FlowQueueNames.OnPremTasks : FlowQueueNames.Tasks;
        await SendAsync(queue, CoreJson.Serialize(new TaskIds(requestId, systemId)), cancellationToken);
        return true;
    }

    private Task SendAsync(string name, string text, CancellationToken ct) => clients.SendAsync(name, text, null, ct);

    // The functions' RequestMessage and TaskMessage, by property name (a test holds them to the same JSON).
    private sealed record RequestIds(string RequestId);

    private sealed record TaskIds(string RequestId, string SystemId);
}
