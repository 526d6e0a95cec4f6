using System.Diagnostics;
using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Graph;
using PrivacySync.Tests.Wiring;

namespace PrivacySync.Tests.Bench;

/// <summary>
/// realistic_access_s_p50: access requests submitted together, from the form's POST to the export package downloaded
/// through its link, with the simulators answering as the real services roughly do (150 ms per HubSpot call at the base
/// tier's 100 per 10 s, 250 ms per Graph call) and the HR REST system alongside.
/// </summary>
[Collection(BenchCollection.Name)]
[Trait("Category", "Bench")]
public sealed class RealisticAccessBench
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MeasuresFormToDownloadableExport()
    {
        BenchFigures.SkipUnlessBenchmarking();
        var count = BenchFigures.Setting("PRIVACYSYNC_BENCH_REALISTIC_REQUESTS", 20);
        await using var systems = await RealSystems.StartAsync(null, new RealSystemsSetup
        {
            Systems = ["crm", "m365", "hr-api"],
            HubSpot = o => o.LatencyMs = 150,
            Graph = new GraphSimulatorOptions { RequestLatency = TimeSpan.FromMilliseconds(250) },
        });
        var subjects = await BenchSubjects.SeedAsync(systems, count, "realistic");

        var seconds = await Task.WhenAll(subjects.Select(subject => Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            var (id, _) = await systems.SubmitAsync("access", subject.Email, subject.Name);
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (true)
            {
                var request = await systems.SendAsync(HttpMethod.Get, $"/api/requests/{id}", null, HttpStatusCode.OK);
                if ((request["outputs"] as JArray ?? []).Any(o => (string?)o["file"] == "export.zip"))
                {
                    Assert.NotEmpty(await systems.DownloadAsync(id, "export.zip"));
                    return clock.Elapsed.TotalSeconds;
                }

                Assert.True(DateTime.UtcNow < deadline, $"{id} had no export after 5 minutes: {request}");
                await Task.Delay(250, Ct);
            }
        }, Ct)));

        BenchFigures.Write("realistic", new JObject
        {
            ["realistic_access_s_p50"] = BenchFigures.Round(BenchFigures.Percentile(seconds, 50)),
        }, new JObject
        {
            ["realistic_access"] = $"{count} access requests at once, HubSpot 150 ms/call at 100 per 10 s, Graph 250 ms/call, HR REST; " +
                $"max {BenchFigures.Round(seconds.Max())} s",
        });
    }
}
