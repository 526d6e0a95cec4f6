namespace PrivacySync.Functions.Hosting.Metadata;

/// <summary>The parts of host.json that the custom handler and the worker act on.</summary>
public sealed record HostSettings(
    string FilePath,
    string RoutePrefix,
    bool ForwardHttpRequests,
    QueueSettings Queues,
    IReadOnlyList<string>? FunctionNames);
