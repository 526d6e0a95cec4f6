using Newtonsoft.Json.Linq;
using PrivacySync.Tests.Wiring;

namespace PrivacySync.Tests.Bench;

/// <summary>
/// hubspot_quota_ratio(_3_instances) and hubspot_429_share(_3_instances): mixed requests (access, erasure, objection)
/// against one HubSpot account at 100 requests per 10 s, from one app instance and from three on the same storage.
/// The ratio is the calls HubSpot let through per second, from the first to the last, ÷ the quota; the share is
/// 429 answers ÷ calls.
/// </summary>
[Collection(BenchCollection.Name)]
[Trait("Category", "Bench")]
public sealed class HubSpotQuotaBench
{
    private const int Quota = 100;

    [Fact]
    public Task MeasuresOneInstanceAgainstTheQuota() => MeasureAsync(1, "hubspot_quota", "hubspot_quota_ratio", "hubspot_429_share");

    [Fact]
    public Task MeasuresThreeInstancesSharingTheQuota() =>
        MeasureAsync(3, "hubspot_quota_3", "hubspot_quota_ratio_3_instances", "hubspot_429_share_3_instances");

    private static async Task MeasureAsync(int instances, string scenario, string ratioKey, string shareKey)
    {
        BenchFigures.SkipUnlessBenchmarking();
        var count = BenchFigures.Setting("PRIVACYSYNC_BENCH_QUOTA_REQUESTS", 300);
        await using var systems = await RealSystems.StartAsync(null, new RealSystemsSetup
        {
            Systems = ["crm"],
            HubSpot = o => (o.RequestsPerTenSeconds, o.SearchRequestsPerSecond) = (Quota, 5),
        });
        for (var i = 1; i < instances; i++)
        {
            await systems.StartCloudHostAsync();
        }

        var subjects = await BenchSubjects.SeedAsync(systems, count, "quota");
        systems.HubSpot.Stats.Reset(); // seeding used its own token; count the connector's calls only

        var ids = new List<string>();
        for (var i = 0; i < subjects.Count; i++)
        {
            var type = (i % 3) switch { 0 => "access", 1 => "erasure", _ => "objection" };
            var (id, _) = await systems.SubmitAsync(type, subjects[i].Email, subjects[i].Name);
            if (type == "erasure")
            {
                await systems.DecideAsync(id, "approve", RealSystems.Approver);
            }

            ids.Add(id);
        }

        await BenchRun.WaitForTerminalAsync(systems, ids, TimeSpan.FromMinutes(30));
        var admitted = systems.HubSpot.Stats.AdmittedAt;
        Assert.True(admitted.Count > 10, $"only {admitted.Count} HubSpot calls");
        var span = (admitted[^1] - admitted[0]).TotalSeconds;
        var ratio = (admitted.Count - 1) / span / (Quota / 10.0);
        var calls = systems.HubSpot.Stats.Requests;
        var throttled = systems.HubSpot.Stats.ThrottledCount();
        BenchFigures.Write(scenario, new JObject
        {
            [ratioKey] = BenchFigures.Round(ratio, 3),
            [shareKey] = BenchFigures.Round((double)throttled / calls, 4),
        }, new JObject
        {
            [ratioKey] = $"{count} mixed requests, {instances} instance(s): {admitted.Count} calls let through in {BenchFigures.Round(span)} s " +
                $"at {Quota} per 10 s; {throttled} of {calls} calls answered 429",
        });
    }
}
