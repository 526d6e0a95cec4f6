using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Functions.Telemetry;

namespace PrivacySync.Tests.Telemetry;

/// <summary>The flow's metrics carry a system id and an outcome word per measurement, nothing else.</summary>
public sealed class FlowMetricsTests
{
    [Fact]
    public void TaskAttemptRecordsOutcomeDurationAndThrottlingTaggedBySystemOnly()
    {
        using var provider = new ServiceCollection().AddMetrics().AddSingleton<FlowMetrics>().BuildServiceProvider();
        var metrics = provider.GetRequiredService<FlowMetrics>();
        var measured = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FlowMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measured.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measured.Add((i.Name, v, Tags(tags))));
        listener.Start();

        metrics.TaskAttempted("hubspot-nordvik", "retry", TimeSpan.FromMilliseconds(1500), wasThrottled: true);
        metrics.TaskAttempted("hr-db-no", "succeeded", TimeSpan.FromSeconds(2), wasThrottled: false);

        Assert.Equal(
            ["privacysync.task.duration", "privacysync.task.duration", "privacysync.task.outcomes", "privacysync.task.outcomes", "privacysync.task.throttled"],
            measured.Select(m => m.Instrument).Order());
        var throttled = Assert.Single(measured, m => m.Instrument == "privacysync.task.throttled");
        Assert.Equal("hubspot-nordvik", throttled.Tags["system.id"]);
        Assert.Equal(1.5, measured.Single(m => m.Instrument == "privacysync.task.duration" && (string?)m.Tags["system.id"] == "hubspot-nordvik").Value);
        Assert.All(measured, m => Assert.Subset(new HashSet<string> { "system.id", "outcome" }, m.Tags.Keys.ToHashSet()));
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        return copy;
    }
}
