namespace PrivacySync.Functions.Hosting;

/// <summary>
/// The queues whose trigger functions this process is meant to run: the worker's <c>--queues</c> filter, or every
/// queue the app declares (custom-handler mode, and a worker without the filter). Services that prepare per-queue
/// resources at start (e.g. connectors of on-premises systems) ask it, so a cloud process never needs what only the
/// on-premises agent can reach. <c>EnableQueues = false</c> (tests) stops polling, not the scope.
/// </summary>
public sealed record QueueScope(IReadOnlyCollection<string>? Queues)
{
    public static QueueScope All { get; } = new((IReadOnlyCollection<string>?)null);

    public bool Includes(string queueName) => Queues is null || Queues.Contains(queueName, StringComparer.Ordinal);
}
