namespace PrivacySync.Core.Connectors;

/// <summary>
/// One instance's lease on an account's shared rate limit (<see cref="IQuotaShares"/>), for any client that paces its
/// calls at the quota ÷ live leases (the HubSpot connector, the Teams webhook posts): it renews every
/// <see cref="RenewInterval"/> while the instance calls the account and re-reads how many instances hold a live lease;
/// an instance that stops calling lets its lease run out and drops out of the others' count. A renewal that fails
/// (storage unreachable) keeps the last share seen rather than stopping the caller. Without shares it is one instance.
/// </summary>
public sealed class QuotaLease : IDisposable
{
    /// <summary>How often a calling instance renews its lease and re-reads how many share the account.</summary>
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(2);

    /// <summary>A lease not renewed for this long has ended: its instance is idle or gone.</summary>
    public static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan RenewTimeout = TimeSpan.FromSeconds(5);

    private readonly IQuotaShares? shares;
    private readonly string account;
    private readonly TimeProvider time;
    private readonly Action<int>? changed;
    private readonly Action<string, int>? failed;
    private readonly string instanceId = Guid.NewGuid().ToString("N");
    private readonly Lock sync = new();
    private readonly CancellationTokenSource disposed = new();
    private Task? renewal;
    private DateTimeOffset renewedAt = DateTimeOffset.MinValue;
    private int instances = 1;

    /// <param name="shares">Where the instances calling the account hold their leases; null: this process alone.</param>
    /// <param name="account">The account's key in <paramref name="shares"/> (a system id, a webhook's setting name).</param>
    /// <param name="changed">Told the new count when it changes (for a log line).</param>
    /// <param name="failed">Told the exception type and the count kept when a renewal fails.</param>
    public QuotaLease(IQuotaShares? shares, string account, TimeProvider time, Action<int>? changed = null, Action<string, int>? failed = null)
    {
        this.shares = shares;
        this.account = account;
        this.time = time;
        this.changed = changed;
        this.failed = failed;
    }

    /// <summary>How many instances this one currently believes share the account (1 without shared leases).</summary>
    public int Instances
    {
        get { lock (sync) return instances; }
    }

    /// <summary>
    /// Call before each call to the account. A live lease is renewed in the background; an instance without one
    /// (first call, or back from idle) waits for its renewal, so it starts at its share rather than at the whole quota.
    /// </summary>
    public Task RenewIfDueAsync()
    {
        if (shares is null)
        {
            return Task.CompletedTask;
        }

        lock (sync)
        {
            var now = time.GetUtcNow();
            if (now - renewedAt < RenewInterval)
            {
                return Task.CompletedTask;
            }

            renewal ??= RenewAsync(shares);
            return now - renewedAt >= LeaseLength ? renewal : Task.CompletedTask;
        }
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }

    private async Task RenewAsync(IQuotaShares quota)
    {
        await Task.Yield(); // never renew on the caller's stack while holding the lock
        int seen;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(disposed.Token);
            timeout.CancelAfter(RenewTimeout);
            seen = Math.Max(1, await quota.RenewAsync(account, instanceId, time.GetUtcNow() + LeaseLength, timeout.Token));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            lock (sync)
            {
                failed?.Invoke(e.GetType().Name, instances);
                renewedAt = time.GetUtcNow();
                renewal = null;
            }

            return;
        }

        lock (sync)
        {
            if (seen != instances)
            {
                changed?.Invoke(seen);
            }

            instances = seen;
            renewedAt = time.GetUtcNow();
            renewal = null;
        }
    }
}
