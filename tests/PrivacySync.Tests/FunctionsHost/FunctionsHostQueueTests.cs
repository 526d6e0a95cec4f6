using System.Globalization;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.FunctionsHost;

[Collection(nameof(FunctionsHostCollection))]
public sealed class FunctionsHostQueueTests(ProbeAppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task DeliversMessageWithTriggerMetadataAndDeletesIt()
    {
        await using var probe = await ProbeHost.StartAsync(fixture);
        var queue = probe.Queue(probe.Names.Input);
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        var sent = (await queue.SendMessageAsync("hello probe", cancellationToken: Ct)).Value;

        var record = (await probe.WaitForRecordsAsync(r => r.Count >= 1, Deadline)).Single();

        Assert.Equal("hello probe", (string?)record["message"]);
        Assert.Equal("hello probe", (string?)record["queueTrigger"]);
        Assert.Equal("1", (string?)record["dequeueCount"]);
        Assert.Equal(sent.MessageId, (string?)record["id"]);
        Assert.False(string.IsNullOrEmpty((string?)record["popReceipt"]));
        var inserted = ParseTime(record["insertionTime"]);
        var expires = ParseTime(record["expirationTime"]);
        Assert.Equal(sent.InsertionTime.ToUnixTimeSeconds(), inserted.ToUnixTimeSeconds());
        Assert.Equal(sent.ExpirationTime.ToUnixTimeSeconds(), expires.ToUnixTimeSeconds());
        Assert.True(ParseTime(record["nextVisibleTime"]) > inserted);
        await probe.WaitUntilEmptyAsync(probe.Names.Input, Deadline);

        // The worker's own log lines reach the host's logger under the worker's category.
        Assert.Contains(probe.Logs.Entries, e => e.Category.Contains("Probe.Record", StringComparison.Ordinal)
            && e.Level == LogLevel.Information && e.Message.Contains((string)record["invocationId"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetriesFailingMessageWithRisingDequeueCountThenMovesItToPoison()
    {
        var app = fixture.Variant(hostJson =>
        {
            var queues = (JObject)hostJson["extensions"]!["queues"]!;
            queues["maxDequeueCount"] = 3;
            queues["visibilityTimeout"] = "00:00:00";
            queues["maxPollingInterval"] = "00:00:00.200";
        });
        await using var probe = await ProbeHost.StartAsync(fixture, app);
        await probe.SendAsync(probe.Names.Input, "fail please");

        var records = await probe.WaitForRecordsAsync(r => r.Count >= 3, Deadline);
        var poisoned = await probe.DrainAsync(probe.Names.Input + "-poison", 1, Deadline);

        Assert.Equal(["1", "2", "3"], records.Select(r => (string)r["dequeueCount"]!));
        Assert.Single(records.Select(r => (string?)r["id"]).Distinct());
        Assert.Equal(["fail please"], poisoned);
        await probe.WaitUntilEmptyAsync(probe.Names.Input, Deadline);
        Assert.Equal(3, (await probe.WaitForRecordsAsync(_ => true, TimeSpan.Zero)).Count);
    }

    [Fact]
    public async Task BindsTheSdkQueueMessageThroughModelBindingData()
    {
        await using var probe = await ProbeHost.StartAsync(fixture);
        var queue = probe.Queue(probe.Names.Inspect);
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        var sent = (await queue.SendMessageAsync("inspect me", cancellationToken: Ct)).Value;

        var record = (await probe.WaitForRecordsAsync(r => r.Count >= 1, Deadline)).Single();

        Assert.Equal(("Inspect", "inspect me", sent.MessageId, "1"), ((string?)record["function"], (string?)record["message"], (string?)record["id"], (string?)record["dequeueCount"]));
        Assert.False(string.IsNullOrEmpty((string?)record["popReceipt"]));
        Assert.Equal(sent.InsertionTime.ToUnixTimeSeconds(), DateTimeOffset.Parse((string)record["insertedOn"]!, CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        await probe.WaitUntilEmptyAsync(probe.Names.Inspect, Deadline);
    }

    [Fact]
    public async Task MovesAMessageThatIsNotBase64ToPoisonWithoutInvoking()
    {
        await using var probe = await ProbeHost.StartAsync(fixture);
        var raw = new QueueClient(probe.Storage, probe.Names.Input);
        await raw.CreateIfNotExistsAsync(cancellationToken: Ct);
        await raw.SendMessageAsync("%%% not base64 %%%", cancellationToken: Ct);
        await probe.SendAsync(probe.Names.Input, "after the bad one");

        var poisoned = await probe.DrainAsync(probe.Names.Input + "-poison", 1, Deadline, raw: true);
        var records = await probe.WaitForRecordsAsync(r => r.Count >= 1, Deadline);

        Assert.Equal(["%%% not base64 %%%"], poisoned);
        Assert.Equal(["after the bad one"], records.Select(r => (string)r["message"]!));
        await probe.WaitUntilEmptyAsync(probe.Names.Input, Deadline);
    }

    [Fact]
    public async Task PicksUpAMessageWithinMaxPollingIntervalAfterIdling()
    {
        // The probe's host.json (like the app's) has maxPollingInterval 2 s; idle long enough for the back-off to top out.
        await using var probe = await ProbeHost.StartAsync(fixture);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        var sentAt = DateTimeOffset.UtcNow;
        await probe.SendAsync(probe.Names.Input, "latency");
        var record = (await probe.WaitForRecordsAsync(r => r.Count >= 1, Deadline)).Single();

        var latency = DateTimeOffset.Parse((string)record["at"]!, CultureInfo.InvariantCulture) - sentAt;
        TestContext.Current.TestOutputHelper?.WriteLine($"idle queue latency: {latency.TotalMilliseconds:F0} ms");
        Assert.InRange(latency, TimeSpan.Zero, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task WritesEveryItemOfACollectionOutputAsItsOwnMessage()
    {
        await using var probe = await ProbeHost.StartAsync(fixture);
        await probe.SendAsync(probe.Names.Fanout, """{"Tag":"batch7","Count":4}""");

        var items = await probe.DrainAsync(probe.Names.FanoutOutput, 4, Deadline);
        var summary = await probe.DrainAsync(probe.Names.FanoutSummary, 1, Deadline);

        Assert.Equal(["batch7-1", "batch7-2", "batch7-3", "batch7-4"], items.Order(StringComparer.Ordinal));
        Assert.Equal(["batch7-summary"], summary);
        await probe.WaitUntilEmptyAsync(probe.Names.Fanout, Deadline);
    }

    [Fact]
    public async Task RunsAtMostBatchSizePlusNewBatchThresholdMessagesAtOnce()
    {
        var app = fixture.Variant(hostJson =>
        {
            var queues = (JObject)hostJson["extensions"]!["queues"]!;
            queues["batchSize"] = 2;
            queues["newBatchThreshold"] = 1;
            queues["maxPollingInterval"] = "00:00:00.200";
        });
        await using var probe = await ProbeHost.StartAsync(fixture, app);
        var queue = probe.Queue(probe.Names.Slow);
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        for (var i = 0; i < 8; i++)
        {
            await queue.SendMessageAsync($"slow:700:{i}", cancellationToken: Ct);
        }

        var records = await probe.WaitForRecordsAsync(r => r.Count(x => (string?)x["phase"] == "finished") >= 8, TimeSpan.FromSeconds(30));

        // Replay start/finish events in time order to find the highest number running at once.
        var events = records
            .Select(r => (At: DateTimeOffset.Parse((string)r["at"]!, CultureInfo.InvariantCulture), Delta: (string?)r["phase"] == "started" ? 1 : -1))
            .OrderBy(e => e.At).ThenBy(e => e.Delta);
        var running = 0;
        var peak = 0;
        foreach (var e in events)
        {
            running += e.Delta;
            peak = Math.Max(peak, running);
        }

        // batchSize 2 + newBatchThreshold 1: a new batch of 2 may start while 1 is still running.
        Assert.InRange(peak, 2, 3);
        await probe.WaitUntilEmptyAsync(probe.Names.Slow, Deadline);
    }

    private static DateTimeOffset ParseTime(JToken? token)
    {
        var text = (string?)token ?? throw new InvalidOperationException("missing time");
        return DateTimeOffset.Parse(text.Trim('"'), CultureInfo.InvariantCulture);
    }
}
