using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Functions.RunOnPremSystemTask;

/// <summary>
/// [dsr-tasks-onprem] → the same task runner, for systems only reachable inside the company network; run by
/// <c>worker --queues dsr-tasks-onprem</c> on an on-premises host with outbound access to storage only.
/// </summary>
public sealed class RunOnPremSystemTaskFunction(SystemTaskRunner runner) : IFunctionHandler
{
    public string FunctionName => "RunOnPremSystemTask";

    public Task<FunctionResult> InvokeAsync(FunctionInvocation invocation, CancellationToken ct) => runner.RunAsync(invocation, ct);
}
