using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// At most PostsPerSecond posts per webhook (Workflows throttles a flow's trigger) across every app instance: each
/// instance posting to a webhook holds a lease in the quota shares (table <c>dsrquotashares</c>, as the HubSpot
/// connector does) and takes its share (<see cref="Share"/>). Token buckets and fixed windows let twice the share
/// through around a window's edge, so each instance keeps the webhook's last start times and waits until the oldest
/// has left the window.
/// </summary>
public sealed class WebhookPacer(TeamsSettings settings, TimeProvider time, IQuotaShares? shares = null, ILogger<WebhookPacer>? logger = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lane> lanes = new(StringComparer.Ordinal);
    private readonly ILogger log = logger ?? NullLogger<WebhookPacer>.Instance;

    /// <summary>How many instances this one believes post to <paramref name="webhook"/> (1 before its first post).</summary>
    public int Instances(string webhook) => lanes.TryGetValue(webhook, out var lane) ? lane.Lease.Instances : 1;

    /// <summary>Waits until this instance may start a post to <paramref name="webhook"/> (the app setting naming it, never the URL).</summary>
    public async Task WaitTurnAsync(string webhook, CancellationToken ct)
    {
        var lane = lanes.GetOrAdd(webhook, NewLane);
        await lane.Lease.RenewIfDueAsync().WaitAsync(ct);
        var (posts, window) = Share(settings.PostsPerSecond, lane.Lease.Instances);
        await lane.Gate.WaitAsync(ct);
        try
        {
            // A share that shrank (more instances now) may leave more starts in the window than it allows: wait them out.
            while (lane.Starts.Count >= posts)
            {
                var wait = lane.Starts.Peek() + window - time.GetUtcNow();
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

    /// <summary>
    /// One instance's share of <paramref name="perSecond"/> posts among <paramref name="instances"/>: the whole posts
    /// per rolling second that fit its part (so the instances together never exceed the limit in any second), and, with
    /// more instances than posts, one post per (instances ÷ limit) seconds — then the limit holds on average, since
    /// instances that do not talk to each other cannot keep their posts out of one another's second.
    /// </summary>
    public static (int Posts, TimeSpan Window) Share(int perSecond, int instances)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        instances = Math.Max(1, instances);
        return instances <= perSecond
            ? (perSecond / instances, TimeSpan.FromSeconds(1))
            : (1, TimeSpan.FromSeconds((double)instances / perSecond));
    }

    public void Dispose()
    {
        foreach (var lane in lanes.Values)
        {
            lane.Lease.Dispose();
        }
    }

    private Lane NewLane(string webhook) => new(new QuotaLease(
        shares, "teams-webhook:" + webhook, time,
        changed: seen => TeamsLog.PaceShared(log, webhook, seen),
        failed: (error, kept) => TeamsLog.PaceLeaseFailed(log, webhook, error, kept)));

    private sealed class Lane(QuotaLease lease)
    {
        public QuotaLease Lease { get; } = lease;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public Queue<DateTimeOffset> Starts { get; } = new();
    }
}
