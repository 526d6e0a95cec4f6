using PrivacySync.FunctionsHost;

namespace PrivacySync.Tests.FunctionsHost;

[Collection(nameof(FunctionsHostCollection))]
public sealed class FunctionsHostConfigurationTests(ProbeAppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DisabledSwitchKeepsTheFunctionFromRunning()
    {
        await using var probe = await ProbeHost.StartAsync(fixture, configure: s => s["AzureWebJobs.Fanout.Disabled"] = "true");

        Assert.DoesNotContain("Fanout", probe.Host.Functions);
        Assert.Contains("Record", probe.Host.Functions);
        // Its listener never started, so the trigger queue was never even created.
        Assert.False((await probe.Queue(probe.Names.Fanout).ExistsAsync(cancellationToken: Ct)).Value);
    }

    [Fact]
    public async Task DisabledSwitchNamingAnUnknownFunctionStopsTheStart()
    {
        var error = await Assert.ThrowsAsync<FunctionsHostStartException>(() =>
            ProbeHost.StartAsync(fixture, configure: s => s["AzureWebJobs.NoSuchFunction.Disabled"] = "1"));

        Assert.Contains("AzureWebJobs.NoSuchFunction.Disabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedHostJsonStopsTheStartNamingFileAndProperty()
    {
        var badValue = fixture.Variant(hostJson => hostJson["extensions"]!["queues"]!["batchSize"] = "lots");
        var notJson = fixture.VariantWithHostJson("{ \"version\": \"2.0\", ");

        var valueError = await Assert.ThrowsAsync<FunctionsHostStartException>(() => ProbeHost.StartAsync(fixture, badValue));
        var syntaxError = await Assert.ThrowsAsync<FunctionsHostStartException>(() => ProbeHost.StartAsync(fixture, notJson));

        Assert.Contains(Path.Combine(badValue, "host.json"), valueError.Message, StringComparison.Ordinal);
        Assert.Contains("extensions.queues.batchSize", valueError.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(notJson, "host.json"), syntaxError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingStorageConnectionStopsTheStartNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<FunctionsHostStartException>(() =>
            ProbeHost.StartAsync(fixture, configure: s => s["AzureWebJobsStorage"] = null));

        Assert.Contains("'AzureWebJobsStorage'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingPercentSettingStopsTheStartNamingIt()
    {
        var error = await Assert.ThrowsAsync<FunctionsHostStartException>(() =>
            ProbeHost.StartAsync(fixture, configure: s => s["ProbeSlowQueue"] = null));

        Assert.Contains("'ProbeSlowQueue'", error.Message, StringComparison.Ordinal);
    }
}
