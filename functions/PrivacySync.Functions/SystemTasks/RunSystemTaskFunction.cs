using Microsoft.Azure.Functions.Worker;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.SystemTasks;

/// <summary>[dsr-tasks] → runs one cloud-reachable system's task (see <see cref="SystemTaskRunner"/>).</summary>
public sealed class RunSystemTaskFunction(SystemTaskRunner runner)
{
    [Function(FunctionNames.RunSystemTask)]
    public Task RunAsync([QueueTrigger(QueueNames.Tasks)] TaskMessage message, CancellationToken ct) => runner.RunAsync(message, ct);
}
