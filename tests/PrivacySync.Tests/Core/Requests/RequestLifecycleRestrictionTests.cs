using Microsoft.Extensions.Time.Testing;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Core.Requests;

public sealed class RequestLifecycleRestrictionTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Submitted);
    private readonly RequestLifecycle _lifecycle;

    public RequestLifecycleRestrictionTests() => _lifecycle = new RequestLifecycle(TestOptions.Valid(), _time);

    private LifecycleResult Submit(RequestType type, RestrictionGround? ground) =>
        _lifecycle.Submit(new SubmitRequestCommand(type, "acme-no", new DateOnly(2026, 3, 9), "anna.berg", "form-1", IdentityVerification.BankId, RestrictionGround: ground));

    private static DataSubjectRequest Held(DataSubjectRequest request, DateTimeOffset since) =>
        request with { Status = RequestStatus.Completed, CompletedAt = since, Restriction = request.Restriction! with { Since = since } };

    [Fact]
    public void ARestrictionCarriesItsGroundAndTakesTheSecondApprovalAnErasureTakes()
    {
        var result = Submit(RequestType.Restriction, RestrictionGround.LegalClaims);

        Assert.Equal(RequestStatus.AwaitingApproval, result.Request!.Status);
        Assert.Equal(RestrictionGround.LegalClaims, result.Request.Restriction!.Ground);
        Assert.Null(result.Request.Restriction.Since);
    }

    [Fact]
    public void AGroundIsRequiredForARestrictionAndRefusedForAnyOtherType()
    {
        Assert.Equal("RestrictionGround", Submit(RequestType.Restriction, null).Error!.Field);
        Assert.Equal("RestrictionGround", Submit(RequestType.Access, RestrictionGround.AccuracyContested).Error!.Field);
    }

    [Fact]
    public void LiftingRecordsWhoDecidedAndWhenTheSubjectWasToldButTheRestrictionStillHolds()
    {
        var held = Held(Submit(RequestType.Restriction, RestrictionGround.AccuracyContested).Request!, Submitted.AddDays(1));
        _time.Advance(TimeSpan.FromDays(3));

        var result = _lifecycle.LiftRestriction(held, "lars.haugen", "Accuracy verified");

        var restriction = result.Request!.Restriction!;
        Assert.Equal("lars.haugen", restriction.LiftDecidedBy);
        Assert.Equal(_time.GetUtcNow(), restriction.LiftNotifiedAt);
        Assert.Equal("Accuracy verified", restriction.LiftReason);
        Assert.True(restriction.Holds);
        Assert.Equal(RequestStatus.Completed, result.Request.Status);
    }

    [Fact]
    public void ARestrictionIsLiftedOnceOnlyAfterItIsInPlaceAndOnlyWithAReasonByAnOfficer()
    {
        var submitted = Submit(RequestType.Restriction, RestrictionGround.AccuracyContested).Request!;
        var held = Held(submitted, Submitted.AddDays(1));
        var access = Submit(RequestType.Access, null).Request! with { Status = RequestStatus.Completed };

        Assert.Equal(DecisionErrorKind.Conflict, _lifecycle.LiftRestriction(submitted, "lars.haugen", "too early").Error!.Kind);
        Assert.Equal(DecisionErrorKind.Conflict, _lifecycle.LiftRestriction(access, "lars.haugen", "no restriction").Error!.Kind);
        Assert.Equal("Reason", _lifecycle.LiftRestriction(held, "lars.haugen", " ").Error!.Field);
        Assert.Equal(DecisionErrorKind.Forbidden, _lifecycle.LiftRestriction(held, "karin.lind", "not mine").Error!.Kind);
        var lifted = _lifecycle.LiftRestriction(held, "lars.haugen", "Accuracy verified").Request!;
        Assert.Equal(DecisionErrorKind.Conflict, _lifecycle.LiftRestriction(lifted, "lars.haugen", "again").Error!.Kind);
    }
}
