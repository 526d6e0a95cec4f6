using PrivacySync.Core.Assembly;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Core.Assembly;

public sealed class RequestOutcomeSummarizerTests
{
    [Fact]
    public void AllSystemsDoneWithoutFollowUpIsCompleted()
    {
        var summary = RequestOutcomeSummarizer.Summarize([
            SystemResult.Success("hubspot", "HubSpot", [new CategoryOutcome("contacts", OutcomeKind.Erased, 3), CategoryOutcome.NotFound("deals")]),
            SystemResult.Success("hr", "HR", [CategoryOutcome.Retained("payroll", 24, "Bokføringsloven § 13", new DateOnly(2031, 12, 31))]),
        ]);

        Assert.Equal(RequestCompletion.Completed, summary.Completion);
        Assert.Equal("completed", summary.Status);
        Assert.Empty(summary.Exceptions);
    }

    [Fact]
    public void FailuresAndManualActionsAreListedAsExceptions()
    {
        var summary = RequestOutcomeSummarizer.Summarize([
            SystemResult.Success("hubspot", "HubSpot", [new CategoryOutcome("contacts", OutcomeKind.Erased, 3), CategoryOutcome.Failed("deals", "HubSpot answered 500 three times.")]),
            SystemResult.Failure("m365", "Microsoft 365", "Graph returned 403: grant Mail.ReadWrite."),
            SystemResult.Success("hr", "HR", [CategoryOutcome.ManualAction("paper-archive", "Shred folder 12 in the Bodø archive.")]),
        ]);

        Assert.Equal(RequestCompletion.CompletedWithExceptions, summary.Completion);
        Assert.Equal("completed-with-exceptions", summary.Status);
        Assert.Equal(
            [
                "HubSpot / deals: failed — HubSpot answered 500 three times.",
                "Microsoft 365: system failed — Graph returned 403: grant Mail.ReadWrite.",
                "HR / paper-archive: manual action required — Shred folder 12 in the Bodø archive.",
            ],
            summary.Exceptions.Select(e => e.ToString()));
        Assert.Equal(
            [RequestExceptionKind.CategoryFailed, RequestExceptionKind.SystemFailed, RequestExceptionKind.ManualActionRequired],
            summary.Exceptions.Select(e => e.Kind));
    }

    [Fact]
    public void ARefusedFieldIsListedAsAnExceptionLikeAManualStep()
    {
        var summary = RequestOutcomeSummarizer.Summarize([
            SystemResult.Success("hr", "HR", [
                CategoryOutcome.Rectified("employment-records", "phone", 1),
                CategoryOutcome.Refused("not-rectifiable", "shoe-size", "HR does not allow rectifying 'shoe-size'"),
            ]),
        ]);

        Assert.Equal(RequestCompletion.CompletedWithExceptions, summary.Completion);
        Assert.Equal("HR / not-rectifiable: refused — HR does not allow rectifying 'shoe-size'", summary.Exceptions.Single().ToString());
        Assert.Equal(RequestExceptionKind.Refused, summary.Exceptions.Single().Kind);
    }

    [Fact]
    public void UnknownSystemStatusCountsAsFailure()
    {
        var summary = RequestOutcomeSummarizer.Summarize([new SystemResult("hr", "HR", "timed-out", null, [])]);

        Assert.Equal(RequestCompletion.CompletedWithExceptions, summary.Completion);
        Assert.Equal("HR: system failed — The task ended with status 'timed-out' and no reason.", summary.Exceptions.Single().ToString());
    }

    [Fact]
    public void NoResultsAtAllIsNotReportedAsCompleted()
    {
        var summary = RequestOutcomeSummarizer.Summarize([]);

        Assert.Equal(RequestCompletion.CompletedWithExceptions, summary.Completion);
        Assert.Equal(RequestExceptionKind.NoSystems, summary.Exceptions.Single().Kind);
    }
}
