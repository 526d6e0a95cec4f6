using Microsoft.Extensions.Time.Testing;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Core.Requests;

public sealed class RequestLifecycleDecisionTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Submitted);
    private readonly RequestLifecycle _lifecycle;

    public RequestLifecycleDecisionTests() => _lifecycle = new RequestLifecycle(TestOptions.Valid(), _time);

    private DataSubjectRequest Submit(RequestType type, IdentityVerification verification = IdentityVerification.BankId)
    {
        var result = _lifecycle.Submit(new SubmitRequestCommand(type, "acme-no", new DateOnly(2026, 3, 9), "anna.berg", "form-1", verification));
        Assert.True(result.Succeeded);
        _time.Advance(TimeSpan.FromHours(1));
        return result.Request;
    }

    [Fact]
    public void VerifyRecordsMethodAndOfficerThenSendsAnErasureToApproval()
    {
        var request = Submit(RequestType.Erasure, IdentityVerification.Pending);

        var result = _lifecycle.Verify(request, "lars.haugen", IdentityVerification.IdDocument);

        Assert.Equal(RequestStatus.AwaitingApproval, result.Request!.Status);
        Assert.Equal(IdentityVerification.IdDocument, result.Request.Verification);
        Assert.Equal("lars.haugen", result.Request.VerifiedBy);
        Assert.Equal(_time.GetUtcNow(), result.Request.UpdatedAt);
    }

    [Fact]
    public void VerifyDispatchesAnAccessRequest()
    {
        var request = Submit(RequestType.Access, IdentityVerification.Pending);

        var result = _lifecycle.Verify(request, "anna.berg", IdentityVerification.EmailConfirmation);

        Assert.Equal(RequestStatus.Dispatched, result.Request!.Status);
    }

    [Fact]
    public void VerifyWithPendingAsTheMethodIsInvalid()
    {
        var request = Submit(RequestType.Access, IdentityVerification.Pending);

        var result = _lifecycle.Verify(request, "anna.berg", IdentityVerification.Pending);

        Assert.Equal("Verification", result.Error!.Field);
    }

    [Fact]
    public void VerifyOfAnAlreadyVerifiedRequestIsAConflict()
    {
        var request = Submit(RequestType.Access);

        var result = _lifecycle.Verify(request, "anna.berg", IdentityVerification.BankId);

        Assert.Equal(DecisionErrorKind.Conflict, result.Error!.Kind);
    }

    [Theory]
    [InlineData("anna.berg")]
    [InlineData("Anna.Berg")]
    public void SubmitterCannotApproveTheirOwnErasure(string approver)
    {
        var request = Submit(RequestType.Erasure);

        var result = _lifecycle.Approve(request, approver);

        Assert.Equal(DecisionErrorKind.Forbidden, result.Error!.Kind);
        Assert.Equal("OfficerId", result.Error.Field);
    }

    [Fact]
    public void SecondOfficerApprovalDispatchesTheErasure()
    {
        var request = Submit(RequestType.Erasure);

        var result = _lifecycle.Approve(request, "lars.haugen");

        Assert.Equal(RequestStatus.Dispatched, result.Request!.Status);
        Assert.Equal("lars.haugen", result.Request.ApprovedBy);
    }

    [Fact]
    public void OfficerOfAnotherEntityCannotApprove()
    {
        var request = Submit(RequestType.Erasure);

        var result = _lifecycle.Approve(request, "karin.lind");

        Assert.Equal(DecisionErrorKind.Forbidden, result.Error!.Kind);
    }

    [Fact]
    public void ApprovingARequestThatNeedsNoApprovalIsAConflict()
    {
        var request = Submit(RequestType.Access);

        var result = _lifecycle.Approve(request, "lars.haugen");

        Assert.Equal(DecisionErrorKind.Conflict, result.Error!.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void RejectionNeedsAReason(string? reason)
    {
        var request = Submit(RequestType.Erasure);

        var result = _lifecycle.Reject(request, "lars.haugen", reason);

        Assert.Equal(new DecisionError("Reason", "is required"), result.Error);
    }

    [Fact]
    public void ReasonContainingAnEmailAddressIsRefused()
    {
        var request = Submit(RequestType.Erasure);

        var result = _lifecycle.Reject(request, "lars.haugen", "Asked jane.doe@example.com twice, no answer");

        Assert.Equal("Reason", result.Error!.Field);
    }

    [Fact]
    public void RejectionClosesTheRequestWithOfficerAndReason()
    {
        var request = Submit(RequestType.Erasure);

        var result = _lifecycle.Reject(request, "lars.haugen", " Identity could not be verified ");

        Assert.Equal(RequestStatus.Rejected, result.Request!.Status);
        Assert.Equal("lars.haugen", result.Request.RejectedBy);
        Assert.Equal("Identity could not be verified", result.Request.RejectionReason);
        Assert.True(result.Request.IsTerminal);
    }

    [Fact]
    public void ClosedRequestCannotChange()
    {
        var rejected = _lifecycle.Reject(Submit(RequestType.Erasure), "lars.haugen", "Duplicate of an earlier request").Request!;

        Assert.Equal(DecisionErrorKind.Conflict, _lifecycle.Approve(rejected, "lars.haugen").Error!.Kind);
        Assert.Equal(DecisionErrorKind.Conflict, _lifecycle.Reject(rejected, "lars.haugen", "again").Error!.Kind);
        Assert.Equal(DecisionErrorKind.Conflict, _lifecycle.Extend(rejected, "lars.haugen", "busy").Error!.Kind);
        Assert.Equal(DecisionErrorKind.Conflict, _lifecycle.Verify(rejected, "lars.haugen", IdentityVerification.BankId).Error!.Kind);
    }

    [Fact]
    public void RejectionAfterDispatchIsAConflict()
    {
        var request = Submit(RequestType.Access);

        var result = _lifecycle.Reject(request, "lars.haugen", "Changed our mind");

        Assert.Equal(DecisionErrorKind.Conflict, result.Error!.Kind);
    }

    [Fact]
    public void ExtensionMovesTheDeadlineToThreeMonthsAfterReceipt()
    {
        var request = Submit(RequestType.Access);

        var result = _lifecycle.Extend(request, "lars.haugen", "Complex request across many systems");

        Assert.True(result.Request!.Extended);
        Assert.Equal(new DateOnly(2026, 6, 9), result.Request.DueOn);
        Assert.Equal("Complex request across many systems", result.Request.ExtensionReason);
        Assert.Equal("lars.haugen", result.Request.ExtendedBy);
        Assert.Equal(RequestStatus.Dispatched, result.Request.Status);
    }

    [Fact]
    public void ExtensionIsAllowedOnlyOnce()
    {
        var extended = _lifecycle.Extend(Submit(RequestType.Access), "lars.haugen", "Complex").Request!;

        var result = _lifecycle.Extend(extended, "lars.haugen", "Still complex");

        Assert.Equal(new DecisionError("Extended", "the deadline has already been extended once", DecisionErrorKind.Conflict), result.Error);
    }

    [Fact]
    public void ExtensionNeedsAReason()
    {
        var result = _lifecycle.Extend(Submit(RequestType.Access), "lars.haugen", null);

        Assert.Equal("Reason", result.Error!.Field);
    }

    [Fact]
    public void ExtensionIsPossibleUntilTheEndOfTheDueDateInTheEntitysTimeZone()
    {
        var request = Submit(RequestType.Access); // due 2026-04-09

        _time.SetUtcNow(new DateTimeOffset(2026, 4, 9, 21, 30, 0, TimeSpan.Zero)); // 23:30 in Oslo
        Assert.True(_lifecycle.Extend(request, "lars.haugen", "Complex").Succeeded);

        _time.SetUtcNow(new DateTimeOffset(2026, 4, 9, 22, 30, 0, TimeSpan.Zero)); // 00:30 on 10 April in Oslo
        var late = _lifecycle.Extend(request, "lars.haugen", "Complex");
        Assert.Equal("DueOn", late.Error!.Field);
        Assert.Equal(DecisionErrorKind.Conflict, late.Error.Kind);
    }
}
