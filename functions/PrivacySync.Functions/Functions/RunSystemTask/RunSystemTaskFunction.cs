using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Functions.RunSystemTask;

/// <summary>[dsr-tasks] → runs one cloud-reachable system's task (see <see cref="SystemTaskRunner"/>).</summary>
public sealed class RunSystemTaskFunction(SystemTaskRunner runner) : IFunctionHandler
{
    public string FunctionName => "RunSystemTask";

    public Task<FunctionResult> InvokeAsync(FunctionInvocation invocation, CancellationToken ct) => runner.RunAsync(invocation, ct);
}
