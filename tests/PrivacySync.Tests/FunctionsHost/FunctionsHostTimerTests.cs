using System.Globalization;
using System.Net;

namespace PrivacySync.Tests.FunctionsHost;

[Collection(nameof(FunctionsHostCollection))]
public sealed class FunctionsHostTimerTests(ProbeAppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunsTheTimerOnItsSecondsScheduleWithScheduleStatus()
    {
        await using var probe = await ProbeHost.StartAsync(fixture, configure: s => s["ProbeTickSchedule"] = "*/2 * * * * *");

        var ticks = await probe.WaitForRecordsAsync(r => r.Count >= 2, TimeSpan.FromSeconds(15));

        DateTime Time(int index, string field) =>
            DateTime.Parse((string)ticks[index][field]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

        Assert.All(ticks, tick => Assert.Equal("Tick", (string?)tick["function"]));
        Assert.All(ticks, tick => Assert.False((bool)tick["isPastDue"]!));
        // Occurrences are on even seconds; the second run's Last is the first run's occurrence, which its Next
        // named as two seconds on.
        Assert.Equal(0, Time(0, "next").Second % 2);
        Assert.Equal(0, Time(1, "last").Second % 2);
        Assert.Equal(Time(0, "next") - TimeSpan.FromSeconds(2), Time(1, "last"));
        Assert.True(Time(1, "next") > Time(1, "last"));
        Assert.InRange(Time(1, "at") - Time(0, "at"), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task RunsAStartupTimerOnceWhenTheHostStarts()
    {
        await using var probe = await ProbeHost.StartAsync(fixture, configure: s => s["AzureWebJobs.StartupTick.Disabled"] = "false");

        var records = await probe.WaitForRecordsAsync(r => r.Count >= 1, TimeSpan.FromSeconds(15));

        var record = Assert.Single(records);
        Assert.Equal("StartupTick", (string?)record["function"]);
        Assert.False((bool)record["isPastDue"]!);
    }

    [Fact]
    public async Task AdminEndpointRunsTheTimerNowWithTheMasterKeyOnly()
    {
        // Schedule far away (once a year): only the admin call can make it run.
        await using var probe = await ProbeHost.StartAsync(fixture);

        using var withoutKey = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/Tick") { Content = new StringContent("{}") };
        using var withFunctionKey = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/Tick") { Content = new StringContent("{}") };
        withFunctionKey.Headers.Add("x-functions-key", ProbeHost.FunctionKey);
        using var withMasterKey = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/Tick") { Content = new StringContent("{}") };
        withMasterKey.Headers.Add("x-functions-key", ProbeHost.MasterKey);
        using var unknown = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/Nope") { Content = new StringContent("{}") };
        unknown.Headers.Add("x-functions-key", ProbeHost.MasterKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await probe.Http.SendAsync(withoutKey, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await probe.Http.SendAsync(withFunctionKey, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await probe.Http.SendAsync(unknown, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await probe.Http.SendAsync(withMasterKey, Ct)).StatusCode);

        var ticks = await probe.WaitForRecordsAsync(r => r.Count >= 1, TimeSpan.FromSeconds(15));
        var tick = Assert.Single(ticks);
        Assert.Equal("Tick", (string?)tick["function"]);
        Assert.Equal(new DateTime(DateTime.UtcNow.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc), DateTime.Parse((string)tick["next"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
    }
}
