using Microsoft.Azure.Functions.Worker;

namespace PrivacySync.FunctionsHost.ProbeApp;

public sealed class TimerFunctions(ProbeRecorder recorder)
{
    [Function("Tick")]
    public Task Tick([TimerTrigger("%ProbeTickSchedule%")] TimerInfo timer, FunctionContext context) =>
        recorder.RecordAsync(new
        {
            function = "Tick",
            isPastDue = timer.IsPastDue,
            last = timer.ScheduleStatus?.Last,
            next = timer.ScheduleStatus?.Next,
            at = DateTimeOffset.UtcNow,
        }, context.CancellationToken);

    /// <summary>Runs once when the host starts (the probe host disables it unless a test switches it on).</summary>
    [Function("StartupTick")]
    public Task StartupTick([TimerTrigger("%ProbeTickSchedule%", RunOnStartup = true)] TimerInfo timer, FunctionContext context) =>
        recorder.RecordAsync(new { function = "StartupTick", isPastDue = timer.IsPastDue, at = DateTimeOffset.UtcNow }, context.CancellationToken);
}
