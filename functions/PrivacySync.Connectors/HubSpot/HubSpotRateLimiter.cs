using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.HubSpot;

/// <summary>
/// Client-side pacing that keeps requests inside HubSpot's limits so 429s stay rare, across every app instance that
/// calls the account. Each bucket spaces permits evenly (a small burst aside), so any 10 s holds at most the tier
/// times <see cref="HubSpotOptions.QuotaShare"/>. With <see cref="IQuotaShares"/> the instances calling the account
/// hold short leases in storage and each paces at its share (the quota ÷ live leases): an instance renews while it
/// makes calls and drops out by letting its lease run out when idle.
/// One instance per account and process (singleton), shared by every client of that account.
/// </summary>
public sealed class HubSpotRateLimiter : IDisposable
{
    private readonly Pace general;
    private readonly Pace search;
    private readonly TimeProvider time;
    private readonly QuotaLease lease;
    private readonly Lock sync = new();

    /// <summary>Pacing for this process alone (one instance, or tests).</summary>
    public HubSpotRateLimiter(IOptions<HubSpotOptions> options)
        : this(options, TimeProvider.System, shares: null, account: "", NullLogger.Instance)
    {
    }

    /// <param name="shares">Where the instances calling the account hold their leases; null paces this process alone.</param>
    /// <param name="account">The account's key in <paramref name="shares"/> (the system id).</param>
    public HubSpotRateLimiter(IOptions<HubSpotOptions> options, TimeProvider time, IQuotaShares? shares, string account, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        general = new Pace(o.RequestsPerTenSeconds * o.QuotaShare, TimeSpan.FromSeconds(10), burstDivisor: 20, edge: 1);
        search = new Pace(o.SearchRequestsPerSecond * o.QuotaShare, TimeSpan.FromSeconds(1), burstDivisor: 5, edge: 0.5);
        this.time = time;
        lease = new QuotaLease(
            shares, account, time,
            changed: seen => HubSpotLog.QuotaShared(logger, account, seen),
            failed: (error, kept) => HubSpotLog.QuotaLeaseFailed(logger, account, error, kept));
    }

    /// <summary>How many instances this one currently believes share the account (1 without shared leases).</summary>
    public int Instances => lease.Instances;

    /// <summary>Waits for a permit (a search needs one from both buckets).</summary>
    public async ValueTask AcquireAsync(bool isSearch, CancellationToken cancellationToken)
    {
        await lease.RenewIfDueAsync().WaitAsync(cancellationToken);
        DateTimeOffset at;
        var now = time.GetUtcNow();
        var instances = lease.Instances;
        lock (sync)
        {
            var notBefore = isSearch ? search.Reserve(now, now, instances) : now;
            at = general.Reserve(now, notBefore, instances);
        }

        if (at > now)
        {
            await Task.Delay(at - now, time, cancellationToken);
        }
    }

    public void Dispose() => lease.Dispose();

    /// <summary>
    /// Evenly spaced permits with a small burst (a generic cell-rate pacer): any window holds at most the window's
    /// permits, counting the burst and an <c>edge</c> margin for calls that arrive together at the window's border.
    /// Not thread-safe; the limiter holds its lock.
    /// </summary>
    private sealed class Pace(double permitsPerWindow, TimeSpan window, int burstDivisor, double edge)
    {
        private DateTimeOffset next = DateTimeOffset.MinValue;

        /// <summary>Reserves the next permit no earlier than <paramref name="notBefore"/>; returns when it may be used.</summary>
        public DateTimeOffset Reserve(DateTimeOffset now, DateTimeOffset notBefore, int instances)
        {
            var share = permitsPerWindow / instances;
            var burst = Math.Max(0, (int)Math.Floor(share / burstDivisor));
            var perSecond = Math.Max(0.05, (share - burst - edge) / window.TotalSeconds);
            var interval = TimeSpan.FromSeconds(1 / perSecond);
            var earliest = now - (interval * burst);
            if (next < earliest)
            {
                next = earliest;
            }

            var at = next < notBefore ? notBefore : next;
            next = at + interval;
            return at;
        }
    }
}
