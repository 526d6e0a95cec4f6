using System.Text.RegularExpressions;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using PrivacySync.Tests.Infrastructure;
using PrivacySync.Tests.Wiring;

namespace PrivacySync.Tests.Bench;

/// <summary>What a benchmark reads back from storage and from the app's own output.</summary>
internal static partial class BenchRun
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Polls the stored requests until every one is terminal; fails with the apps' output after <paramref name="within"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, DataSubjectRequest>> WaitForTerminalAsync(
        RealSystems systems, IReadOnlyCollection<string> ids, TimeSpan within)
    {
        var store = systems.Service<IRequestStore>();
        var done = new Dictionary<string, DataSubjectRequest>();
        var deadline = DateTime.UtcNow + within;
        while (done.Count < ids.Count)
        {
            foreach (var id in ids.Where(id => !done.ContainsKey(id)).ToList())
            {
                if ((await store.GetAsync(id, Ct))?.Value is { IsTerminal: true } request)
                {
                    done[id] = request;
                }
            }

            if (done.Count < ids.Count)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    Assert.Fail(await StuckReportAsync(systems, ids.Where(id => !done.ContainsKey(id)).ToList(), ids.Count, within));
                }

                await Task.Delay(500, Ct);
            }
        }

        return done;
    }

    /// <summary>What a timed-out wait reports: each unfinished request with its tasks, then each app instance's last lines.</summary>
    private static async Task<string> StuckReportAsync(RealSystems systems, IReadOnlyList<string> stuck, int total, TimeSpan within)
    {
        var store = systems.Service<IRequestStore>();
        var report = new System.Text.StringBuilder($"{stuck.Count} of {total} requests were not terminal after {within}:");
        foreach (var id in stuck)
        {
            var request = (await store.GetAsync(id, Ct))?.Value;
            var tasks = await systems.TasksAsync(id);
            report.AppendLine().Append($"  {id} {request?.Status.ToString() ?? "(no row)"} updated {request?.UpdatedAt:O}; tasks: ")
                .AppendJoin(", ", tasks.Select(t => $"{t.SystemId} {t.Status} attempts {t.Attempts}+{t.Deferrals} next {t.NextAttemptAt:O} updated {t.UpdatedAt:O} error {t.LastError}"));
            var trail = await systems.Service<IAuditLog>().ReadAsync(id, Ct);
            report.AppendLine().Append("    audit: ").AppendJoin(", ", trail.Select(e => $"{e.Action}{(e.SystemId is null ? "" : "/" + e.SystemId)} {e.At:HH:mm:ss.fff}"));
            report.AppendLine().Append("    pending event: ").Append(request?.PendingEvent?.Entry.Action ?? "none");
            foreach (var line in systems.AppOutput.Split('\n').Where(l => l.Contains(id, StringComparison.Ordinal)))
            {
                report.AppendLine().Append("    | ").Append(line.TrimEnd());
            }
        }

        foreach (var (host, index) in systems.CloudHosts.Select((h, i) => (h, i)))
        {
            report.AppendLine().AppendLine($"--- cloud instance {index}, last lines:").Append(Tail(host.Output, 40));
        }

        if (systems.OnPremHost is { } onPrem)
        {
            report.AppendLine().AppendLine("--- on-premises instance, last lines:").Append(Tail(onPrem.Output, 40));
        }

        return report.ToString();
    }

    /// <summary>The longest finished attempt among a request's tasks (the slowest system).</summary>
    public static TimeSpan SlowestTask(IEnumerable<SystemTask> tasks) =>
        tasks.Where(t => t.IsTerminal && t.StartedAt is not null).Select(t => t.UpdatedAt - t.StartedAt!.Value).DefaultIfEmpty(TimeSpan.Zero).Max();

    /// <summary>
    /// The app's storage operations so far: the last value the worker's console metrics exporter printed for
    /// privacysync.storage.calls, summed over its series (null before the first export).
    /// </summary>
    public static long? StorageCalls(AppHost host)
    {
        var lines = host.Output.Split('\n');
        long? total = null;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].Contains("privacysync.storage.calls", StringComparison.Ordinal))
            {
                continue;
            }

            // One export block: the series' "Value: n" lines up to the next metric.
            long sum = 0;
            for (var j = i + 1; j < lines.Length && !lines[j].Contains("Metric Name:", StringComparison.Ordinal); j++)
            {
                if (ValueLine().Match(lines[j]) is { Success: true } value)
                {
                    sum += long.Parse(value.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            total = sum;
        }

        return total;
    }

    /// <summary>
    /// The app's storage operations so far by table, queue or container and HTTP method ("dsrrequests GET"), from the
    /// last export block of privacysync.storage.calls.
    /// </summary>
    public static IReadOnlyDictionary<string, long> StorageCallsByResource(AppHost host)
    {
        var lines = host.Output.Split('\n');
        var last = Array.FindLastIndex(lines, l => l.Contains("privacysync.storage.calls", StringComparison.Ordinal));
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var j = last + 1; last >= 0 && j < lines.Length && !lines[j].Contains("Metric Name:", StringComparison.Ordinal); j++)
        {
            if (ValueLine().Match(lines[j]) is { Success: true } value && j > 0)
            {
                var tags = lines[j - 1];
                var resource = Tag(tags, "storage.resource") ?? "?";
                var method = Tag(tags, "http.request.method") ?? "?";
                calls[$"{resource} {method}"] = calls.GetValueOrDefault($"{resource} {method}") +
                    long.Parse(value.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return calls;
    }

    private static string? Tag(string line, string name) =>
        Regex.Match(line, Regex.Escape(name) + @":\s*(\S+)") is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>Waits until the exported count stops moving (every message handled, the exporter caught up).</summary>
    public static async Task<long> SettledStorageCallsAsync(AppHost host, TimeSpan exportInterval)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        long? previous = null;
        while (true)
        {
            await Task.Delay(exportInterval * 2.5, Ct);
            var now = StorageCalls(host);
            if (now is not null && now == previous)
            {
                return now.Value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the storage call count did not settle (last {now}).{Environment.NewLine}{Tail(host.Output)}");
            previous = now;
        }
    }

    public static string Tail(string output, int lines = 60) =>
        string.Join(Environment.NewLine, output.Split('\n').TakeLast(lines));

    [GeneratedRegex(@"Value:\s*(\d+)\s*$")]
    private static partial Regex ValueLine();
}
