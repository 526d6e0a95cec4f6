using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PrivacySync.Storage.Telemetry;

/// <summary>
/// Counts every storage operation the app's SDK clients send (a per-call pipeline policy, so an SDK retry of one
/// operation counts once), tagged by HTTP method only: storage is billed per operation, and the benchmark divides
/// this count by requests × systems. Thread-safe; one per process.
/// </summary>
public sealed class StorageCallMetrics : HttpPipelinePolicy, IDisposable
{
    public const string MeterName = "PrivacySync.Storage";

    public const string CounterName = "privacysync.storage.calls";

    private readonly Meter meter;
    private readonly Counter<long> calls;

    public StorageCallMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meter = meters.Create(MeterName);
        calls = meter.CreateCounter<long>(CounterName, description: "Storage operations sent by the app (blob, queue and table).");
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    public void Dispose() => meter.Dispose();

    private void Count(HttpMessage message) =>
        calls.Add(1, new KeyValuePair<string, object?>("http.request.method", message.Request.Method.Method));
}
