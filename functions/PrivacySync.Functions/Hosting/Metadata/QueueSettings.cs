namespace PrivacySync.Functions.Hosting.Metadata;

/// <summary>host.json extensions.queues, with the Functions host's defaults.</summary>
public sealed record QueueSettings
{
    /// <summary>Messages fetched per receive (1..32).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>A new batch is fetched when at most this many messages are still being processed.</summary>
    public int NewBatchThreshold { get; init; } = 8;

    /// <summary>Upper bound of the polling back-off while the queue is empty.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a failed message stays invisible before its retry.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Deliveries before a failing message is moved to &lt;queue&gt;-poison.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    public string MessageEncoding { get; init; } = "base64";

    /// <summary>The shortest polling delay; the back-off starts here and returns here when a message arrives.</summary>
    public static TimeSpan MinPollingInterval { get; } = TimeSpan.FromMilliseconds(100);
}
