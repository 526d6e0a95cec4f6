using Microsoft.Azure.Functions.Worker;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.SystemTasks;

/// <summary>
/// [dsr-tasks-onprem] → the same task runner, for systems only reachable inside the company network. The cloud app
/// disables it (<c>AzureWebJobs.RunOnPremSystemTask.Disabled</c>); the on-premises host (infra/onprem) runs only it.
/// </summary>
public sealed class RunOnPremSystemTaskFunction(SystemTaskRunner runner)
{
    [Function(FunctionNames.RunOnPremSystemTask)]
    public Task RunAsync([QueueTrigger(QueueNames.OnPremTasks)] TaskMessage message, CancellationToken ct) => runner.RunAsync(message, ct);
}
