using PrivacySync.Functions.Hosting;

namespace PrivacySync.Functions.Worker;

/// <summary>Worker mode: this process plays the Functions host against Azurite or Azure Storage.</summary>
public sealed record WorkerHostOptions : FunctionHostOptions
{
    /// <summary>The setting holding the key for authLevel "function"/"admin" HTTP functions.</summary>
    public const string FunctionKeySetting = "PrivacySync:FunctionKey";

    /// <summary>Poll only the queue-triggered functions on these queues; null polls all of them.</summary>
    public IReadOnlyCollection<string>? Queues { get; init; }

    public bool EnableQueues { get; init; } = true;

    public bool EnableTimers { get; init; } = true;

    public bool EnableHttp { get; init; } = true;

    /// <summary>HTTP port on 127.0.0.1 (the host's local default is 7071); 0 picks a free port.</summary>
    public int HttpPort { get; init; } = 7071;

    /// <summary>How long in-flight handlers may run on after a stop is requested before they are cancelled.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Visibility lease taken on a received message; renewed at half-time while its handler runs.</summary>
    public TimeSpan MessageLease { get; init; } = TimeSpan.FromMinutes(1);
}
