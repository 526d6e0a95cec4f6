using System.Diagnostics.Metrics;

namespace PrivacySync.Functions.Telemetry;

/// <summary>
/// The flow's metrics: task outcomes, throttling and task durations per system. Tags are system ids and outcome
/// words only — never a request id (unbounded) and never anything about the subject.
/// </summary>
public sealed class FlowMetrics : IDisposable
{
    public const string MeterName = "PrivacySync.Flow";

    private readonly Meter meter;
    private readonly Counter<long> outcomes;
    private readonly Counter<long> throttled;
    private readonly Histogram<double> durations;

    public FlowMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meter = meters.Create(MeterName);
        outcomes = meter.CreateCounter<long>("privacysync.task.outcomes", description: "System task attempts by outcome (succeeded, failed, retry).");
        throttled = meter.CreateCounter<long>("privacysync.task.throttled", description: "System task attempts the system throttled (it named a Retry-After).");
        durations = meter.CreateHistogram<double>("privacysync.task.duration", unit: "s", description: "Duration of one system task attempt.");
    }

    public void TaskAttempted(string systemId, string outcome, TimeSpan duration, bool wasThrottled)
    {
        var system = new KeyValuePair<string, object?>("system.id", systemId);
        outcomes.Add(1, system, new KeyValuePair<string, object?>("outcome", outcome));
        durations.Record(duration.TotalSeconds, system, new KeyValuePair<string, object?>("outcome", outcome));
        if (wasThrottled)
        {
            throttled.Add(1, system);
        }
    }

    public void Dispose() => meter.Dispose();
}
