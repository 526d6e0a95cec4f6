using System.Text.Json;
using Azure.Storage.Queues;

namespace PrivacySync.FunctionsHost.ProbeApp;

/// <summary>
/// Writes one plain-text JSON message per observation to the record queue, so a test can see every attempt
/// (including failed ones, whose output bindings the host discards).
/// </summary>
public sealed class ProbeRecorder(QueueClient queue)
{
    private int _created;

    public async Task RecordAsync(object observation, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _created, 1) == 0)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        await queue.SendMessageAsync(JsonSerializer.Serialize(observation), cancellationToken);
    }
}
