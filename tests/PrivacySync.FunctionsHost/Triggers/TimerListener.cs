using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using PrivacySync.FunctionsHost.Rpc;

namespace PrivacySync.FunctionsHost.Triggers;

/// <summary>
/// Runs one timer function on its schedule (one run at a time, like the singleton timer of the Functions host),
/// on start when <c>runOnStartup</c> is set, and on demand through the admin endpoint.
/// </summary>
internal sealed class TimerListener(
    FunctionDefinition function,
    TimerSchedule schedule,
    bool runOnStartup,
    Invoker invoker,
    FunctionsHostOptions options)
{
    private readonly ILogger _logger = options.LoggerFactory.CreateLogger("Host.Triggers.Timer");
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abandon = new();
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private Task _loop = Task.CompletedTask;
    private DateTimeOffset? _last;

    public FunctionDefinition Function => function;

    public void Start()
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        Log.TimerScheduled(_logger, function.Name, schedule.Text, schedule.Next(options.TimeProvider.GetUtcNow()));
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        var time = options.TimeProvider;
        try
        {
            if (runOnStartup)
            {
                var now = time.GetUtcNow();
                await Track(InvokeAsync(now, isPastDue: false));
            }

            var scheduled = schedule.Next(time.GetUtcNow());
            while (!token.IsCancellationRequested)
            {
                var wait = scheduled - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, token);
                }

                var now = time.GetUtcNow();
                var following = schedule.Next(scheduled);
                // Past due when an occurrence after this one has already gone by (the previous run overran).
                var isPastDue = now >= following;
                await Track(InvokeAsync(scheduled, isPastDue));
                _last = scheduled;
                scheduled = schedule.Next(time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Runs the function now (admin endpoint); returns at once.</summary>
    public void RunNow()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _ = Track(InvokeAsync(options.TimeProvider.GetUtcNow(), isPastDue: false));
    }

    private async Task Track(Task<InvocationOutcome> invocation)
    {
        var key = Guid.NewGuid().ToString();
        _inFlight[key] = invocation;
        try
        {
            await invocation;
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    private Task<InvocationOutcome> InvokeAsync(DateTimeOffset occurrence, bool isPastDue)
    {
        var now = options.TimeProvider.GetUtcNow();
        var timerInfo = new JObject
        {
            ["Schedule"] = new JObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = new JObject
            {
                ["Last"] = (_last ?? occurrence).UtcDateTime,
                ["Next"] = schedule.Next(occurrence).UtcDateTime,
                ["LastUpdated"] = now.UtcDateTime,
            },
            ["IsPastDue"] = isPastDue,
        };
        var request = new InvocationRequest { InvocationId = Guid.NewGuid().ToString() };
        request.InputData.Add(new ParameterBinding
        {
            Name = function.Trigger.Name,
            Data = new TypedData { Json = timerInfo.ToString(Newtonsoft.Json.Formatting.None) },
        });
        request.TriggerMetadata["sys"] = new TypedData
        {
            Json = new JObject { ["MethodName"] = function.Name, ["UtcNow"] = now.UtcDateTime, ["RandGuid"] = Guid.NewGuid().ToString() }
                .ToString(Newtonsoft.Json.Formatting.None),
        };
        return invoker.InvokeAsync(function, request, null, _abandon.Token);
    }

    /// <summary>No new runs start; a run under way goes on (see <see cref="DrainAsync"/>).</summary>
    public Task StopSchedulingAsync() => _stop.CancelAsync();

    public async Task DrainAsync(CancellationToken deadline)
    {
        try
        {
            await Task.WhenAll(_inFlight.Values.Append(_loop)).WaitAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            await _abandon.CancelAsync();
            await Task.WhenAll(_inFlight.Values.Append(_loop));
        }
    }
}
