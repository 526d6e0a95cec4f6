using Microsoft.Extensions.Options;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Functions.Orchestration;

/// <summary>When a transiently failed task runs again: the service's Retry-After, else exponential backoff with full jitter.</summary>
public sealed class RetryPolicy(IOptions<OrchestrationOptions> options)
{
    public TimeSpan DelayAfter(int attempt, TimeSpan? retryAfter)
    {
        var settings = options.Value;
        if (retryAfter is { } given && given > TimeSpan.Zero)
        {
            return given < settings.RetryMaxDelay ? given : settings.RetryMaxDelay;
        }

        var ceiling = settings.RetryBaseDelay * Math.Pow(2, Math.Clamp(attempt - 1, 0, 16));
        if (ceiling > settings.RetryMaxDelay)
        {
            ceiling = settings.RetryMaxDelay;
        }

        // Half fixed, half random: spreads retries of many tasks without ever retrying at once.
        return ceiling / 2 + ceiling / 2 * Random.Shared.NextDouble();
    }

    /// <summary>Whether the task may start another attempt: its attempts (takeovers too) and deferrals are below the budget.</summary>
    public bool HasAttemptsLeft(SystemTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Spent < options.Value.TaskAttemptBudget;
    }

    public int Budget => options.Value.TaskAttemptBudget;
}
