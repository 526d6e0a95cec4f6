using System.Globalization;
using NCrontab;

namespace PrivacySync.FunctionsHost.Triggers;

/// <summary>A timer trigger's schedule: NCRONTAB with seconds (6 fields), classic cron (5 fields) or a TimeSpan.</summary>
internal sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan _interval;

    private TimerSchedule(CrontabSchedule? cron, TimeSpan interval, string text)
    {
        _cron = cron;
        _interval = interval;
        Text = text;
    }

    public string Text { get; }

    public static TimerSchedule Parse(string expression, string context)
    {
        var text = expression.Trim();
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 1 && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new TimerSchedule(null, interval, text);
        }

        if (fields.Length is 5 or 6)
        {
            var schedule = CrontabSchedule.TryParse(string.Join(' ', fields), new CrontabSchedule.ParseOptions { IncludingSeconds = fields.Length == 6 });
            if (schedule is not null)
            {
                return new TimerSchedule(schedule, TimeSpan.Zero, text);
            }
        }

        throw new FunctionsHostStartException(
            $"{context} has the schedule '{expression}', which is neither an NCRONTAB expression (6 fields with seconds, or 5) nor a TimeSpan.");
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC).</summary>
    public DateTimeOffset Next(DateTimeOffset after)
    {
        if (_cron is null)
        {
            return after + _interval;
        }

        var next = _cron.GetNextOccurrence(after.UtcDateTime);
        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }
}
