using System.Globalization;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Hosting.Metadata;

namespace PrivacySync.Functions.Worker;

/// <summary>
/// Plays the host's timer trigger for one function: fires at each NCRONTAB occurrence (UTC, by the injected
/// TimeProvider), one run at a time, with the TimerInfo-shaped value the host sends (Schedule, ScheduleStatus,
/// IsPastDue). A failed run is logged and not retried; the next occurrence runs as usual.
/// </summary>
internal sealed class TimerTriggerListener : IAsyncDisposable
{
    /// <summary>A run that starts later than this after its occurrence is reported as past due.</summary>
    public static readonly TimeSpan PastDueTolerance = TimeSpan.FromSeconds(5);

    private readonly FunctionMetadata _function;
    private readonly TimerTrigger _timer;
    private readonly QueueOutputWriter _outputs;
    private readonly FunctionInvoker _invoker;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _scheduling = new();
    private readonly CancellationTokenSource _handlers = new();
    private Task _loop = Task.CompletedTask;
    private Task _current = Task.CompletedTask;

    public TimerTriggerListener(FunctionMetadata function, QueueOutputWriter outputs, FunctionInvoker invoker, TimeProvider timeProvider, ILogger logger)
    {
        _function = function;
        _timer = function.Timer!;
        _outputs = outputs;
        _invoker = invoker;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public void Start() => _loop = RunAsync(_scheduling.Token);

    public async Task StopAsync(TimeSpan grace)
    {
        await _scheduling.CancelAsync().ConfigureAwait(false);
        try
        {
            await _current.WaitAsync(grace, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _handlers.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The run logs its own failure.
        }

        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_scheduling.IsCancellationRequested)
        {
            await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        }

        _scheduling.Dispose();
        _handlers.Dispose();
    }

    /// <summary>The value the host passes for a timer trigger (the serialized TimerInfo).</summary>
    public static JObject TimerValue(DateTimeOffset? last, DateTimeOffset next, DateTimeOffset now, bool isPastDue) => new()
    {
        ["Schedule"] = new JObject { ["AdjustForDST"] = true },
        ["ScheduleStatus"] = new JObject
        {
            ["Last"] = Format(last ?? DateTimeOffset.MinValue),
            ["Next"] = Format(next),
            ["LastUpdated"] = Format(now),
        },
        ["IsPastDue"] = isPastDue,
    };

    private async Task RunAsync(CancellationToken stopping)
    {
        DateTimeOffset? last = null;
        if (_timer.RunOnStartup)
        {
            await FireAsync(_timeProvider.GetUtcNow(), last).ConfigureAwait(false);
        }

        while (!stopping.IsCancellationRequested)
        {
            var now = _timeProvider.GetUtcNow();
            // Counting from the last occurrence as well prevents a second run when a timer wakes a little early.
            var from = last is { } previous && previous > now ? previous : now;
            var next = NextOccurrence(from);
            WorkerLog.TimerScheduled(_logger, _function.Name, _timer.Expression, next);
            try
            {
                var wait = next - now;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _timeProvider, stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await FireAsync(next, last).ConfigureAwait(false);
            last = next;
        }
    }

    private async Task FireAsync(DateTimeOffset scheduled, DateTimeOffset? last)
    {
        var now = _timeProvider.GetUtcNow();
        var value = TimerValue(last, NextOccurrence(scheduled), now, now - scheduled > PastDueTolerance);
        var invocation = new FunctionInvocation(_function.Name, _function.Trigger.Name, value, new Dictionary<string, string>());
        _current = InvokeAsync(invocation);
        await _current.ConfigureAwait(false);
    }

    private async Task InvokeAsync(FunctionInvocation invocation)
    {
        try
        {
            var result = await _invoker.InvokeAsync(invocation, _handlers.Token).ConfigureAwait(false);
            await _outputs.WriteAsync(_function, result, _handlers.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            WorkerLog.TimerFailed(_logger, ex, _function.Name);
        }
    }

    private DateTimeOffset NextOccurrence(DateTimeOffset after) =>
        new(DateTime.SpecifyKind(_timer.Schedule.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));

    private static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
