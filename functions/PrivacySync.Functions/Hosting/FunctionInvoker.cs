using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PrivacySync.Functions.Hosting;

/// <summary>Runs one <see cref="IFunctionHandler"/> invocation in its own DI scope; shared by both modes.</summary>
public sealed partial class FunctionInvoker(
    IServiceScopeFactory scopes,
    FunctionRegistry registry,
    TimeProvider timeProvider,
    ILogger<FunctionInvoker> logger)
{
    public bool CanInvoke(string functionName) => registry.Find(functionName)?.Kind == FunctionKind.Handler;

    /// <summary>Invokes the handler; its exception (a failed invocation) propagates to the caller, which retries.</summary>
    public async Task<FunctionResult> InvokeAsync(FunctionInvocation invocation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var registration = registry.Find(invocation.FunctionName);
        if (registration is not { Kind: FunctionKind.Handler })
        {
            throw new InvalidOperationException($"No {nameof(IFunctionHandler)} is registered for function '{invocation.FunctionName}'.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var handler = (IFunctionHandler)scope.ServiceProvider.GetRequiredService(registration.HandlerType);
        var started = timeProvider.GetTimestamp();
        try
        {
            var result = await handler.InvokeAsync(invocation, ct).ConfigureAwait(false) ?? FunctionResult.Empty;
            LogSucceeded(invocation.FunctionName, invocation.MessageId, timeProvider.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (Exception ex)
        {
            LogFailed(ex, invocation.FunctionName, invocation.MessageId, invocation.DequeueCount);
            throw;
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Executed {FunctionName} (message {MessageId}) in {ElapsedMs:0} ms")]
    private partial void LogSucceeded(string functionName, string? messageId, double elapsedMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "{FunctionName} failed (message {MessageId}, delivery {DequeueCount})")]
    private partial void LogFailed(Exception exception, string functionName, string? messageId, long dequeueCount);
}
