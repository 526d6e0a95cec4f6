using Microsoft.Extensions.Time.Testing;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Core.Requests;

public sealed class RequestLifecycleSubmitTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly RequestLifecycle _lifecycle = new(TestOptions.Valid(), new FakeTimeProvider(Now));

    private static SubmitRequestCommand Command(
        RequestType type = RequestType.Access,
        string entity = "acme-no",
        string officer = "anna.berg",
        IdentityVerification verification = IdentityVerification.BankId,
        string? instruction = null) =>
        new(type, entity, new DateOnly(2026, 3, 9), officer, "form-123", verification, ControllerInstruction: instruction);

    [Fact]
    public void VerifiedAccessRequestIsDispatchedWithTheOneMonthDeadline()
    {
        var result = _lifecycle.Submit(Command());

        Assert.True(result.Succeeded);
        var request = result.Request;
        Assert.Equal(RequestStatus.Dispatched, request.Status);
        Assert.Equal(new DateOnly(2026, 4, 9), request.DueOn);
        Assert.False(request.Extended);
        Assert.Equal(Language.NorwegianBokmal, request.Language);
        Assert.Equal("anna.berg", request.SubmittedBy);
        Assert.Equal("form-123", request.SubmissionId);
        Assert.Equal(Now, request.CreatedAt);
        Assert.Equal(Now, request.UpdatedAt);
        Assert.True(RequestIds.IsValid(request.RequestId));
        Assert.StartsWith("dsr-20260310090000-", request.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public void PendingVerificationWaitsForAnOfficerToVerify()
    {
        var result = _lifecycle.Submit(Command(verification: IdentityVerification.Pending));

        Assert.Equal(RequestStatus.AwaitingVerification, result.Request!.Status);
    }

    [Fact]
    public void ErasureAtFourEyesEntityWaitsForASecondApproval()
    {
        var result = _lifecycle.Submit(Command(RequestType.Erasure));

        Assert.Equal(RequestStatus.AwaitingApproval, result.Request!.Status);
    }

    [Fact]
    public void ErasureAtEntityWithoutFourEyesIsDispatchedAtOnce()
    {
        var result = _lifecycle.Submit(Command(RequestType.Erasure, "acme-se", "karin.lind"));

        Assert.Equal(RequestStatus.Dispatched, result.Request!.Status);
        Assert.Equal(Language.Swedish, result.Request.Language);
    }

    [Fact]
    public void ObjectionAtFourEyesEntityNeedsNoSecondApproval()
    {
        var result = _lifecycle.Submit(Command(RequestType.Objection));

        Assert.Equal(RequestStatus.Dispatched, result.Request!.Status);
    }

    [Fact]
    public void ExplicitLanguageOverridesTheEntityDefault()
    {
        var result = _lifecycle.Submit(Command() with { Language = Language.English });

        Assert.Equal(Language.English, result.Request!.Language);
    }

    [Fact]
    public void OfficerOfAnotherEntityIsForbidden()
    {
        var result = _lifecycle.Submit(Command(officer: "karin.lind"));

        Assert.False(result.Succeeded);
        Assert.Equal("SubmittedBy", result.Error.Field);
        Assert.Equal(DecisionErrorKind.Forbidden, result.Error.Kind);
    }

    [Fact]
    public void UnknownEntityIsNotFound()
    {
        var result = _lifecycle.Submit(Command(entity: "acme-dk"));

        Assert.Equal(new DecisionError("LegalEntityId", "unknown legal entity", DecisionErrorKind.NotFound), result.Error);
    }

    [Fact]
    public void ReceiptDateInTheFutureIsInvalid()
    {
        var result = _lifecycle.Submit(Command() with { ReceivedOn = new DateOnly(2026, 3, 11) });

        Assert.Equal("ReceivedOn", result.Error!.Field);
    }

    [Fact]
    public void ReceiptTodayInOsloIsAcceptedEvenWhenUtcIsStillYesterday()
    {
        // 23:30 UTC on 9 March is 00:30 on 10 March in Oslo.
        var lifecycle = new RequestLifecycle(TestOptions.Valid(), new FakeTimeProvider(new DateTimeOffset(2026, 3, 9, 23, 30, 0, TimeSpan.Zero)));

        var result = lifecycle.Submit(Command() with { ReceivedOn = new DateOnly(2026, 3, 10) });

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void MissingSubmissionIdIsInvalid(string submissionId)
    {
        var result = _lifecycle.Submit(Command() with { SubmissionId = submissionId });

        Assert.Equal("SubmissionId", result.Error!.Field);
    }

    [Fact]
    public void ProcessorWithoutControllerInstructionTellsTheOfficerToForwardToTheController()
    {
        var result = _lifecycle.Submit(Command(entity: "fjord", officer: "ola.nilsen"));

        Assert.Equal("ControllerInstruction", result.Error!.Field);
        Assert.Contains("forward the subject's request to the controller", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("the employer", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessorActingOnTheControllersInstructionKeepsItsReference()
    {
        var result = _lifecycle.Submit(Command(entity: "fjord", officer: "ola.nilsen", instruction: "EMP-4711"));

        Assert.Equal(RequestStatus.Dispatched, result.Request!.Status);
        Assert.Equal("EMP-4711", result.Request.ControllerInstruction);
    }

    [Fact]
    public void ControllerInstructionThatIsAnEmailAddressIsRefused()
    {
        var result = _lifecycle.Submit(Command(entity: "fjord", officer: "ola.nilsen", instruction: "hr@employer.example.com"));

        Assert.Equal("ControllerInstruction", result.Error!.Field);
        Assert.DoesNotContain("hr@employer", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ControllerInstructionAtAControllerEntityIsInvalid()
    {
        var result = _lifecycle.Submit(Command(instruction: "EMP-4711"));

        Assert.Equal("ControllerInstruction", result.Error!.Field);
    }
}
