using PrivacySync.Core.Tasks;

namespace PrivacySync.Core.Reconciliation.Reporting;

/// <summary>
/// One system's last 24 hours: tasks that moved, the share of attempts that failed or had to be retried, the share the
/// system throttled, and the median time a finished task spent in the connector (over all its attempts).
/// </summary>
public sealed record SystemHealth(string SystemId, int Tasks, int Attempts, double ErrorRate, double ThrottlingRate, double? MedianTaskSeconds)
{
    /// <summary>Per system, in system id order.</summary>
    public static IReadOnlyList<SystemHealth> From(IEnumerable<SystemTask> tasks) =>
        tasks
            .GroupBy(t => t.SystemId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var list = g.ToList();
                var attempts = list.Sum(t => t.Attempts);
                // Every attempt but a succeeding or still running last one went wrong.
                var errors = list.Sum(t => Math.Max(0, t.Attempts - (t.Status is SystemTaskStatus.Succeeded or SystemTaskStatus.Running ? 1 : 0)));
                var throttled = list.Sum(t => t.ThrottledAttempts);
                var times = list.Where(t => t.IsTerminal).Select(t => t.WorkTime.TotalSeconds).Order().ToList();
                return new SystemHealth(
                    g.Key,
                    list.Count,
                    attempts,
                    attempts == 0 ? 0 : (double)errors / attempts,
                    attempts == 0 ? 0 : (double)throttled / attempts,
                    times.Count == 0 ? null : times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2);
            })
            .ToList();
}

/// <summary>The tasks that changed recently, across requests (for <see cref="SystemHealth"/>).</summary>
public interface ITaskActivity
{
    IAsyncEnumerable<IReadOnlyList<SystemTask>> ListChangedSinceAsync(DateTimeOffset since, int pageSize, CancellationToken cancellationToken);
}
