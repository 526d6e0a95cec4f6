using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.FunctionsHost;

/// <summary>
/// Contract test of the host-worker handshake with the pinned worker packages: an upgrade that changes what the
/// worker reports (capabilities, versions, indexed bindings) fails here first.
/// </summary>
[Collection(nameof(FunctionsHostCollection))]
public sealed class FunctionsHostHandshakeTests(ProbeAppFixture fixture)
{
    [Fact]
    public async Task WorkerReportsTheCapabilitiesAndFunctionsTheHostRelies()
    {
        await using var probe = await ProbeHost.StartAsync(fixture);
        var handshake = probe.Host.Handshake;

        Assert.True(handshake.Capabilities.TryGetValue("HttpUri", out var httpUri), "the ASP.NET Core integration reports HttpUri");
        Assert.True(Uri.TryCreate(httpUri, UriKind.Absolute, out var uri) && uri.Scheme == "http" && uri.Port > 0, $"HttpUri is '{httpUri}'");
        foreach (var capability in new[] { "RpcHttpBodyOnly", "RawHttpBodyBytes", "RpcHttpTriggerMetadataRemoved", "UseNullableValueDictionaryForHttp", "TypedDataCollection", "WorkerStatus" })
        {
            Assert.Equal("True", handshake.Capabilities.GetValueOrDefault(capability));
        }

        Assert.StartsWith("2.52.0", handshake.WorkerVersion, StringComparison.Ordinal);
        Assert.StartsWith(".NET", handshake.RuntimeName, StringComparison.Ordinal);
        Assert.Equal(
            ["Boom", "Echo", "Fanout", "GetItem", "Inspect", "Record", "Slow", "StartupTick", "Tick"],
            handshake.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(handshake.Functions, f => Assert.Equal("PrivacySync.FunctionsHost.ProbeApp.dll", f.ScriptFile));

        JObject Binding(string function, string name) => handshake.Functions.Single(f => f.Name == function).RawBindings
            .Select(JObject.Parse).Single(b => (string?)b["name"] == name);

        var record = Binding("Record", "message");
        Assert.Equal("queueTrigger", (string?)record["type"]);
        Assert.Equal("%ProbeInputQueue%", (string?)record["queueName"]);
        Assert.Equal("In", (string?)record["direction"]);

        var items = Binding("Fanout", "Items");
        Assert.Equal(("queue", "Out", "%ProbeFanoutOutputQueue%"), ((string?)items["type"], (string?)items["direction"], (string?)items["queueName"]));

        var http = Binding("GetItem", "request");
        Assert.Equal(("httpTrigger", "Function", "items/{id}"), ((string?)http["type"], (string?)http["authLevel"], (string?)http["route"]));
        Assert.Equal(["get"], http["methods"]!.Select(m => (string)m!));
        Assert.Equal("http", (string?)Binding("GetItem", "$return")["type"]);

        Assert.Equal(("timerTrigger", "%ProbeTickSchedule%"), ((string?)Binding("Tick", "timer")["type"], (string?)Binding("Tick", "timer")["schedule"]));
        Assert.True((bool)Binding("StartupTick", "timer")["runOnStartup"]!);
        Assert.Equal("True", (string?)Binding("Inspect", "message")["properties"]?["supportsDeferredBinding"]);
        Assert.Equal(8, probe.Host.Functions.Count); // StartupTick is disabled by the probe's settings
    }
}
