using System.Collections.Concurrent;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// At most N posts in any rolling second per webhook (Workflows throttles a flow's trigger). Token buckets and
/// fixed windows let 2N through around a window's edge, so this keeps each webhook's last N start times and waits
/// until the oldest is a second old. Per process: instances that scale out each keep their own pace.
/// </summary>
public sealed class WebhookPacer(TeamsSettings settings, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Lane> lanes = new(StringComparer.Ordinal);

    public async Task WaitTurnAsync(string webhook, CancellationToken ct)
    {
        var lane = lanes.GetOrAdd(webhook, _ => new Lane());
        await lane.Gate.WaitAsync(ct);
        try
        {
            if (lane.Starts.Count >= settings.PostsPerSecond)
            {
                var wait = lane.Starts.Peek() + Window - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, ct);
                }

                lane.Starts.Dequeue();
            }

            lane.Starts.Enqueue(time.GetUtcNow());
        }
        finally
        {
            lane.Gate.Release();
        }
    }

    private sealed class Lane
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Queue<DateTimeOffset> Starts { get; } = new();
    }
}
