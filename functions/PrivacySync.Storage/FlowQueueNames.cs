namespace PrivacySync.Storage;

/// <summary>
/// The flow's queue names, spelled once here so the function app (its trigger attributes, through QueueNames) and the
/// tools that read the queues (reconciliation, replay) agree.
/// </summary>
public static class FlowQueueNames
{
    public const string Dispatch = "dsr-dispatch";
    public const string Tasks = "dsr-tasks";
    public const string OnPremTasks = "dsr-tasks-onprem";
    public const string Collect = "dsr-collect";

    /// <summary>Teams cards to post (identifiers only); never on the request's path.</summary>
    public const string Notify = "dsr-notify";

    public static IReadOnlyList<string> All { get; } = [Dispatch, Tasks, OnPremTasks, Collect, Notify];

    /// <summary>Where the host moves a message it could not process after maxDequeueCount deliveries.</summary>
    public static string Poison(string queueName) => queueName + "-poison";
}
