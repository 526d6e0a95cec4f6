namespace PrivacySync.Functions.Hosting;

/// <summary>
/// A queue-, timer- or payload-style HTTP-triggered function. Throwing means "failed": the host (or the worker)
/// makes a queue message visible again and, after maxDequeueCount deliveries, moves it to the poison queue.
/// </summary>
public interface IFunctionHandler
{
    /// <summary>
    /// The function's folder name, i.e. Functions/&lt;FunctionName&gt;/function.json. A constant: it is read before
    /// the handler's dependencies exist.
    /// </summary>
    string FunctionName { get; }

    Task<FunctionResult> InvokeAsync(FunctionInvocation invocation, CancellationToken ct);
}
