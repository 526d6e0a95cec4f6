using Newtonsoft.Json;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Tests.Core.Tasks;

public sealed class SystemTaskTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly SystemTask Planned = SystemTask.Plan("dsr-20260310090000-0123456789abcdef", "crm", T0);

    [Fact]
    public void PlannedTaskIsPendingWithoutAttempts()
    {
        Assert.Equal(SystemTaskStatus.Pending, Planned.Status);
        Assert.Equal(0, Planned.Attempts);
        Assert.False(Planned.IsTerminal);
    }

    [Fact]
    public void RetryThenSuccessCountsBothAttemptsAndEndsTerminal()
    {
        var retry = Planned.Start(T0).ScheduleRetry("HubSpot answered 429", T0.AddSeconds(10), T0);
        Assert.Equal(SystemTaskStatus.RetryScheduled, retry.Status);
        Assert.Equal(T0.AddSeconds(10), retry.NextAttemptAt);

        var done = retry.Start(T0.AddSeconds(10)).Succeed(new SystemOutcome([CategoryOutcome.NotFound("contact")]), "results/crm.json", T0.AddSeconds(11));

        Assert.Equal(2, done.Attempts);
        Assert.Equal(SystemTaskStatus.Succeeded, done.Status);
        Assert.True(done.IsTerminal);
        Assert.False(done.HasExceptions);
        Assert.Null(done.NextAttemptAt);
        Assert.Equal("results/crm.json", done.ResultBlob);
        Assert.Equal(T0.AddSeconds(11), done.UpdatedAt);
    }

    [Fact]
    public void ATaskWithARefusedFieldEndsWithExceptionsSoTheRequestDoes()
    {
        var refused = Planned.Start(T0).Succeed(
            new SystemOutcome([CategoryOutcome.Rectified("contact-details", "phone", 1), CategoryOutcome.Refused("not-rectifiable", "birth-date", "not declared")]), null, T0);
        var restricted = Planned.Start(T0).Succeed(new SystemOutcome([CategoryOutcome.Held("contact-profile", RestrictionStep.Restrict, 1)]), null, T0);

        Assert.True(refused.HasExceptions);
        Assert.False(restricted.HasExceptions);
    }

    [Fact]
    public void RedeliveryAfterACrashStartsTheTaskAgain()
    {
        var crashed = Planned.Start(T0);

        var again = crashed.Start(T0.AddMinutes(5));

        Assert.Equal(SystemTaskStatus.Running, again.Status);
        Assert.Equal(2, again.Attempts);
    }

    [Fact]
    public void ErrorTextHasEmailAddressesRedacted()
    {
        var failed = Planned.Start(T0).Fail("No mailbox for jane.doe@example.com in the tenant", T0);

        Assert.Equal("No mailbox for [redacted-email] in the tenant", failed.LastError);
        Assert.True(failed.IsTerminal);
        Assert.True(failed.HasExceptions);
    }

    [Fact]
    public void TerminalTaskIsNotRunAgain()
    {
        var failed = Planned.Start(T0).Fail("Permission missing: Mail.ReadWrite", T0);

        Assert.Throws<InvalidOperationException>(() => failed.Start(T0));
        Assert.Throws<InvalidOperationException>(() => failed.Fail("again", T0));
    }

    [Fact]
    public void OnlyARunningTaskCanSucceedOrBeRetried()
    {
        Assert.Throws<InvalidOperationException>(() => Planned.Succeed(new SystemOutcome([]), null, T0));
        Assert.Throws<InvalidOperationException>(() => Planned.ScheduleRetry("busy", T0, T0));
    }

    [Fact]
    public void SucceededWithAFailedCategoryCountsAsAnException()
    {
        var done = Planned.Start(T0).Succeed(new SystemOutcome([CategoryOutcome.Failed("contact", "Object locked")]), null, T0);

        Assert.True(done.HasExceptions);
    }

    [Fact]
    public void TaskSurvivesAJsonRoundTripWithWireNames()
    {
        var task = Planned.Start(T0).ScheduleRetry("Timeout", T0.AddMinutes(1), T0);

        var json = JsonConvert.SerializeObject(task);

        Assert.Contains("\"Status\":\"retry-scheduled\"", json, StringComparison.Ordinal);
        Assert.Equal(task, JsonConvert.DeserializeObject<SystemTask>(json));
    }
}
