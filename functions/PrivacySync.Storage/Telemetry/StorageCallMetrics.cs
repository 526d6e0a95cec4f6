using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PrivacySync.Storage.Telemetry;

/// <summary>
/// Counts every storage operation the app's SDK clients send (a per-call pipeline policy, so an SDK retry of one
/// operation counts once), tagged by HTTP method only: storage is billed per operation, and the benchmark divides
/// this count by requests × systems. Tagged by HTTP method and the table, queue or container called (the app's own
/// fixed names, never a blob's or an entity's key), so the benchmark can say where the operations go. Thread-safe; one
/// per process.
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
        calls.Add(
            1,
            new KeyValuePair<string, object?>("http.request.method", message.Request.Method.Method),
            new KeyValuePair<string, object?>("storage.resource", Resource(message.Request.Uri.ToUri())));

    /// <summary>
    /// The table, queue or container of a storage URL: its first path segment, after the account segment of a
    /// path-style (emulator) URL, without an entity's "(PartitionKey=…,RowKey=…)" key.
    /// </summary>
    public static string Resource(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathStyle = uri.IsLoopback || System.Net.IPAddress.TryParse(uri.Host, out _);
        var index = pathStyle ? 1 : 0;
        if (segments.Length <= index)
        {
            return "(account)";
        }

        var segment = segments[index];
        var key = segment.IndexOf('(', StringComparison.Ordinal);
        return (key >= 0 ? segment[..key] : segment).ToLowerInvariant();
    }
}
