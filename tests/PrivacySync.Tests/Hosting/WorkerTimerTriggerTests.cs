using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Worker;
using static PrivacySync.Tests.Hosting.TestScriptRoot;

namespace PrivacySync.Tests.Hosting;

/// <summary>Timer triggers in worker mode: NCRONTAB with seconds, driven by the injected TimeProvider.</summary>
public sealed class WorkerTimerTriggerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TestScriptRoot _root = new();
    private readonly Probes _probes = new();
    private WorkerHost? _worker;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        _root.Dispose();
    }

    [Fact]
    public async Task FiresAtEachOccurrenceOfTheScheduleWithTheHostsTimerInfo()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 1, 59, 58, TimeSpan.Zero));
        _root.AddFunction(Tick.Name, TimerTrigger("0 0 2 * * *", name: "nightly"));
        var probe = _probes.For<Tick>();
        await StartAsync(time);

        time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(200, Ct);
        Assert.Equal(0, probe.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => probe.Count == 1, Patience, "the 02:00 run");

        var first = Assert.Single(probe.Invocations);
        Assert.Equal("nightly", first.TriggerName);
        var timer = Assert.IsType<JObject>(first.TriggerValue);
        Assert.False((bool)timer["IsPastDue"]!);
        Assert.Equal("2026-11-24T02:00:00+00:00", (string?)timer["ScheduleStatus"]!["Next"]);
        Assert.True((bool)timer["Schedule"]!["AdjustForDST"]!);

        // Stop a second short of the next occurrence, then step over it.
        time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        await Task.Delay(200, Ct);
        Assert.Equal(1, probe.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => probe.Count == 2, Patience, "the next night's run");

        var second = (JObject)probe.Invocations.Last().TriggerValue!;
        Assert.Equal("2026-11-23T02:00:00+00:00", (string?)second["ScheduleStatus"]!["Last"]);
    }

    [Fact]
    public async Task SecondsFieldSchedulesRunOnRealTime()
    {
        _root.AddFunction(Tick.Name, TimerTrigger("*/1 * * * * *"));
        var probe = _probes.For<Tick>();
        await StartAsync(TimeProvider.System);

        await Eventually.HoldsAsync(() => probe.Count >= 2, Patience, "two runs one second apart");
    }

    [Fact]
    public async Task FailingRunIsLoggedAndTheNextOccurrenceStillRuns()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 11, 59, 59, TimeSpan.Zero));
        _root.AddFunction(Tick.Name, TimerTrigger("0 0 * * * *"));
        var probe = _probes.For<Tick>();
        probe.Behaviour = (_, _) => throw new InvalidOperationException("report failed");
        await StartAsync(time);

        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => probe.Count == 1, Patience, "the 12:00 run");
        time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        await Task.Delay(200, Ct);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => probe.Count == 2, Patience, "the 13:00 run");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task StartAsync(TimeProvider time)
    {
        _worker = WorkerHost.Create(new WorkerHostOptions
        {
            ScriptRoot = _root.Path,
            UseDefaultConfigurationSources = false,
            // No queue is touched: the connection string is only checked, never used.
            Settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" },
            EnableHttp = false,
            TimeProvider = time,
            ShutdownGracePeriod = TimeSpan.Zero,
            ConfigureServices = (services, _) => services.AddSingleton(_probes).AddFunction<ProbeHandler<Tick>>(),
        });
        await _worker.StartAsync(Ct);
    }
}
