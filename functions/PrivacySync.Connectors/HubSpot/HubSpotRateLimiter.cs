using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PrivacySync.Connectors.HubSpot;

/// <summary>
/// Client-side token buckets that keep requests inside HubSpot's limits so 429s stay rare. A bucket of capacity B
/// refilled at r tokens/s lets through at most B + 10·r requests in any 10 s, so B + 10·r is held at the tier times
/// <see cref="HubSpotOptions.QuotaShare"/>; a small B keeps the sustained rate close to the quota.
/// One instance per account (singleton), shared by every client of that account.
/// </summary>
public sealed class HubSpotRateLimiter : IDisposable
{
    private readonly TokenBucketRateLimiter general;
    private readonly TokenBucketRateLimiter search;

    public HubSpotRateLimiter(IOptions<HubSpotOptions> options)
    {
        var o = options.Value;
        general = Bucket(o.RequestsPerTenSeconds * o.QuotaShare, TimeSpan.FromSeconds(10), burstDivisor: 20);
        search = Bucket(o.SearchRequestsPerSecond * o.QuotaShare, TimeSpan.FromSeconds(1), burstDivisor: 5);
    }

    /// <summary>Waits for a token (a search needs one from both buckets).</summary>
    public async ValueTask AcquireAsync(bool isSearch, CancellationToken cancellationToken)
    {
        if (isSearch) await AcquireAsync(search, cancellationToken);
        await AcquireAsync(general, cancellationToken);
    }

    public void Dispose()
    {
        general.Dispose();
        search.Dispose();
    }

    private static async ValueTask AcquireAsync(RateLimiter limiter, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired) throw new InvalidOperationException("HubSpot rate limiter queue is full");
    }

    private static TokenBucketRateLimiter Bucket(double permitsPerWindow, TimeSpan window, int burstDivisor)
    {
        var burst = Math.Max(1, (int)Math.Floor(permitsPerWindow / burstDivisor));
        var perSecond = Math.Max(0.1, (permitsPerWindow - burst) / window.TotalSeconds);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1 / perSecond),
            AutoReplenishment = true,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }
}
