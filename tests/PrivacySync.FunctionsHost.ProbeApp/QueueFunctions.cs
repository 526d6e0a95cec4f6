using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace PrivacySync.FunctionsHost.ProbeApp;

public sealed class QueueFunctions(ProbeRecorder recorder)
{
    /// <summary>Records the trigger metadata of every attempt, then fails when the message asks for it.</summary>
    [Function("Record")]
    public async Task Record([QueueTrigger("%ProbeInputQueue%")] string message, FunctionContext context)
    {
        var data = context.BindingContext.BindingData;
        context.GetLogger("Probe.Record").LogInformation("Probe recorded invocation {InvocationId}", context.InvocationId);
        await recorder.RecordAsync(new
        {
            function = "Record",
            message,
            at = DateTimeOffset.UtcNow,
            invocationId = context.InvocationId,
            dequeueCount = data.GetValueOrDefault("DequeueCount")?.ToString(),
            id = data.GetValueOrDefault("Id")?.ToString(),
            popReceipt = data.GetValueOrDefault("PopReceipt")?.ToString(),
            queueTrigger = data.GetValueOrDefault("QueueTrigger")?.ToString(),
            insertionTime = data.GetValueOrDefault("InsertionTime")?.ToString(),
            expirationTime = data.GetValueOrDefault("ExpirationTime")?.ToString(),
            nextVisibleTime = data.GetValueOrDefault("NextVisibleTime")?.ToString(),
        }, context.CancellationToken);

        if (message.StartsWith("fail", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The probe message asked to fail.");
        }
    }

    /// <summary>Binds the SDK's QueueMessage (deferred binding: the host sends the message as model binding data).</summary>
    [Function("Inspect")]
    public Task Inspect([QueueTrigger("%ProbeInspectQueue%")] Azure.Storage.Queues.Models.QueueMessage message, FunctionContext context) =>
        recorder.RecordAsync(new
        {
            function = "Inspect",
            message = message.MessageText,
            id = message.MessageId,
            dequeueCount = message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            popReceipt = message.PopReceipt,
            insertedOn = message.InsertedOn,
        }, context.CancellationToken);

    /// <summary>Fans one message out to "count" messages through a multi-output record.</summary>
    [Function("Fanout")]
    public static FanoutOutput Fanout([QueueTrigger("%ProbeFanoutQueue%")] FanoutRequest request) =>
        new(
            Enumerable.Range(1, request.Count).Select(i => $"{request.Tag}-{i}").ToArray(),
            $"{request.Tag}-summary");

    /// <summary>Runs for the number of milliseconds in the message (shutdown, kill and batch tests).</summary>
    [Function("Slow")]
    public async Task Slow([QueueTrigger("%ProbeSlowQueue%")] string message, FunctionContext context)
    {
        var parts = message.Split(':');
        var delay = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        await recorder.RecordAsync(new { function = "Slow", phase = "started", message, at = DateTimeOffset.UtcNow, pid = Environment.ProcessId }, CancellationToken.None);
        await Task.Delay(delay, CancellationToken.None);
        await recorder.RecordAsync(new { function = "Slow", phase = "finished", message, at = DateTimeOffset.UtcNow, pid = Environment.ProcessId }, CancellationToken.None);
    }
}

public sealed record FanoutRequest(string Tag, int Count);

public sealed record FanoutOutput(
    [property: QueueOutput("%ProbeFanoutOutputQueue%")] string[] Items,
    [property: QueueOutput("%ProbeFanoutSummaryQueue%")] string Summary);
