using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>What the simulator saw and did, for tests and benchmarks (GET /__sandbox/stats).</summary>
public sealed class SandboxStats
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, long> throttled = [];
    private long requests;
    private long unauthorized;
    private long serverErrors;
    private long timeouts;
    private long gdprDeleteRequests;
    private long contactsGdprDeleted;
    private readonly List<DateTimeOffset> admitted = [];

    public long Requests { get { lock (sync) return requests; } }

    public long ServerErrors { get { lock (sync) return serverErrors; } }

    public long Timeouts { get { lock (sync) return timeouts; } }

    public long ThrottledCount(string? policy = null)
    {
        lock (sync) return policy is null ? throttled.Values.Sum() : throttled.GetValueOrDefault(policy);
    }

    /// <summary>When each request the rate limits let through arrived, in order (a benchmark's achieved rate).</summary>
    public IReadOnlyList<DateTimeOffset> AdmittedAt { get { lock (sync) return [.. admitted]; } }

    /// <summary>GDPR delete requests received (a retried erasure may send one again; it then removes nothing).</summary>
    public long GdprDeleteRequests { get { lock (sync) return gdprDeleteRequests; } }

    /// <summary>Contacts a GDPR delete removed: each at most once, however often the delete was sent.</summary>
    public long ContactsGdprDeleted { get { lock (sync) return contactsGdprDeleted; } }

    internal void GdprDeleteRequested() { lock (sync) gdprDeleteRequests++; }

    internal void ContactGdprDeleted() { lock (sync) contactsGdprDeleted++; }

    internal void Request() { lock (sync) requests++; }

    internal void Admitted(DateTimeOffset at) { lock (sync) admitted.Add(at); }

    internal void Unauthorized() { lock (sync) unauthorized++; }

    internal void ServerError() { lock (sync) serverErrors++; }

    internal void Timeout() { lock (sync) timeouts++; }

    internal void Throttled(string policy)
    {
        lock (sync) throttled[policy] = throttled.GetValueOrDefault(policy) + 1;
    }

    public void Reset()
    {
        lock (sync)
        {
            requests = unauthorized = serverErrors = timeouts = 0;
            throttled.Clear();
            admitted.Clear();
        }
    }

    internal JObject ToJson()
    {
        lock (sync)
        {
            return new JObject
            {
                ["requests"] = requests,
                ["unauthorized"] = unauthorized,
                ["throttled"] = JObject.FromObject(throttled),
                ["injectedServerErrors"] = serverErrors,
                ["injectedTimeouts"] = timeouts,
            };
        }
    }
}
