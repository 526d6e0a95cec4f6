using Microsoft.Extensions.Time.Testing;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Core.Requests;

public sealed class RequestLifecycleProgressTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly RequestLifecycle _lifecycle;
    private readonly DataSubjectRequest _dispatched;

    public RequestLifecycleProgressTests()
    {
        _lifecycle = new RequestLifecycle(TestOptions.Valid(), _time);
        _dispatched = _lifecycle.Submit(
            new SubmitRequestCommand(RequestType.Access, "acme-no", new DateOnly(2026, 3, 9), "anna.berg", "form-1", IdentityVerification.BankId)).Request!;
    }

    private DataSubjectRequest Collecting() => _lifecycle.Dispatch(_dispatched, plannedTasks: 2).Request!;

    private SystemTask Succeeded(string system, params CategoryOutcome[] categories) =>
        SystemTask.Plan(_dispatched.RequestId, system, Now).Start(Now).Succeed(new SystemOutcome(categories), $"results/{system}.json", Now);

    [Fact]
    public void DispatchWithPlannedTasksStartsCollecting()
    {
        var result = _lifecycle.Dispatch(_dispatched, plannedTasks: 3);

        Assert.Equal(RequestStatus.Collecting, result.Request!.Status);
        Assert.Null(result.Request.CompletedAt);
    }

    [Fact]
    public void DispatchWithNoEnabledSystemCompletesWithExceptions()
    {
        _time.SetUtcNow(Now.AddMinutes(5));

        var result = _lifecycle.Dispatch(_dispatched, plannedTasks: 0);

        Assert.Equal(RequestStatus.CompletedWithExceptions, result.Request!.Status);
        Assert.Equal(_time.GetUtcNow(), result.Request.CompletedAt);
    }

    [Fact]
    public void DispatchingTwiceIsAConflict()
    {
        var result = _lifecycle.Dispatch(Collecting(), plannedTasks: 2);

        Assert.Equal(DecisionErrorKind.Conflict, result.Error!.Kind);
    }

    [Fact]
    public void AllSystemsSucceedingCompletesTheRequest()
    {
        var tasks = new[]
        {
            Succeeded("crm", new CategoryOutcome("contact", OutcomeKind.Exported, 3)),
            Succeeded("hr", CategoryOutcome.NotFound("payroll")),
        };

        var result = _lifecycle.Complete(Collecting(), tasks);

        Assert.Equal(RequestStatus.Completed, result.Request!.Status);
        Assert.Equal(Now, result.Request.CompletedAt);
    }

    [Fact]
    public void RetainedCategoryIsNotAnException()
    {
        var tasks = new[] { Succeeded("hr", CategoryOutcome.Retained("payroll", 12, "Art. 6(1)(c)", new DateOnly(2031, 12, 31))) };

        Assert.Equal(RequestStatus.Completed, _lifecycle.Complete(Collecting(), tasks).Request!.Status);
    }

    [Fact]
    public void FailedSystemCompletesWithExceptions()
    {
        var failed = SystemTask.Plan(_dispatched.RequestId, "hr", Now).Start(Now).Fail("HR database refused the credentials", Now);
        var tasks = new[] { Succeeded("crm", new CategoryOutcome("contact", OutcomeKind.Exported, 1)), failed };

        Assert.Equal(RequestStatus.CompletedWithExceptions, _lifecycle.Complete(Collecting(), tasks).Request!.Status);
    }

    [Fact]
    public void ManualActionInOneCategoryCompletesWithExceptions()
    {
        var tasks = new[] { Succeeded("crm", CategoryOutcome.ManualAction("contact", "Delete the paper copy in the archive")) };

        Assert.Equal(RequestStatus.CompletedWithExceptions, _lifecycle.Complete(Collecting(), tasks).Request!.Status);
    }

    [Fact]
    public void CompletingWhileASystemIsStillRunningIsAConflict()
    {
        var running = SystemTask.Plan(_dispatched.RequestId, "hr", Now).Start(Now);
        var tasks = new[] { Succeeded("crm"), running };

        var result = _lifecycle.Complete(Collecting(), tasks);

        Assert.Equal(new DecisionError("Tasks", "some systems have not finished yet", DecisionErrorKind.Conflict), result.Error);
    }

    [Fact]
    public void CompletingWithAnotherRequestsTasksIsInvalid()
    {
        var foreign = SystemTask.Plan("dsr-20260101000000-0000000000000000", "crm", Now).Start(Now).Succeed(new SystemOutcome([]), null, Now);

        Assert.Equal("Tasks", _lifecycle.Complete(Collecting(), [foreign]).Error!.Field);
        Assert.Equal("Tasks", _lifecycle.Complete(Collecting(), []).Error!.Field);
    }

    [Fact]
    public void CompletingARequestThatIsNotCollectingIsAConflict()
    {
        var result = _lifecycle.Complete(_dispatched, [Succeeded("crm")]);

        Assert.Equal(DecisionErrorKind.Conflict, result.Error!.Kind);
    }
}
