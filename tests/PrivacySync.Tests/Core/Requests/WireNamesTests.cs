using Newtonsoft.Json;
using PrivacySync.Core.Common;
using PrivacySync.Core.Deadlines;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;

namespace PrivacySync.Tests.Core.Requests;

public sealed class WireNamesTests
{
    [Theory]
    [InlineData(RequestStatus.Received, "received")]
    [InlineData(RequestStatus.AwaitingVerification, "awaiting-verification")]
    [InlineData(RequestStatus.AwaitingApproval, "awaiting-approval")]
    [InlineData(RequestStatus.Dispatched, "dispatched")]
    [InlineData(RequestStatus.Collecting, "collecting")]
    [InlineData(RequestStatus.Completed, "completed")]
    [InlineData(RequestStatus.CompletedWithExceptions, "completed-with-exceptions")]
    [InlineData(RequestStatus.Rejected, "rejected")]
    public void RequestStatusHasKebabCaseWireNames(RequestStatus status, string wire)
    {
        Assert.Equal(wire, status.ToWire());
        Assert.Equal($"\"{wire}\"", JsonConvert.SerializeObject(status));
        Assert.Equal(status, JsonConvert.DeserializeObject<RequestStatus>($"\"{wire}\""));
    }

    [Fact]
    public void OtherEnumsUseTheirDocumentedWireNames()
    {
        Assert.Equal(["access", "erasure", "objection", "rectification", "restriction"], WireNames.All<RequestType>());
        Assert.Equal(["accuracy-contested", "unlawful-processing", "legal-claims", "objection-pending"], WireNames.All<RestrictionGround>());
        Assert.Equal(["bankid", "email-confirmation", "employee-sso", "id-document", "in-person", "pending"], WireNames.All<IdentityVerification>());
        Assert.Equal(["nb", "sv", "en"], WireNames.All<Language>());
        Assert.Equal(["NO", "SE", "OtherEu"], WireNames.All<Jurisdiction>());
        Assert.Equal(["pending", "running", "retry-scheduled", "identity-conflict", "succeeded", "failed"], WireNames.All<SystemTaskStatus>());
    }

    [Fact]
    public void ParsingIgnoresCaseButNotSpelling()
    {
        Assert.True(WireNames.TryParse<RequestType>("Erasure", out var type));
        Assert.Equal(RequestType.Erasure, type);
        Assert.False(WireNames.TryParse<RequestType>("portability", out _));
        Assert.False(WireNames.TryParse<RequestType>(null, out _));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"portability\"")]
    public void JsonWithIntegersOrUnknownNamesIsRefused(string json) =>
        Assert.Throws<JsonSerializationException>(() => JsonConvert.DeserializeObject<RequestType>(json));

    [Fact]
    public void RequestSurvivesAJsonRoundTripWithWireNames()
    {
        var request = new DataSubjectRequest
        {
            RequestId = "dsr-20260310090000-0123456789abcdef",
            Type = RequestType.Erasure,
            LegalEntityId = "acme-no",
            ReceivedOn = new DateOnly(2026, 3, 9),
            DueOn = new DateOnly(2026, 4, 9),
            Status = RequestStatus.AwaitingApproval,
            SubmittedBy = "anna.berg",
            SubmissionId = "form-1",
            Verification = IdentityVerification.BankId,
            Language = Language.NorwegianBokmal,
            CreatedAt = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero),
        };

        var json = JsonConvert.SerializeObject(request);

        Assert.Contains("\"Status\":\"awaiting-approval\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Verification\":\"bankid\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Language\":\"nb\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("IsTerminal", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonConvert.SerializeObject(JsonConvert.DeserializeObject<DataSubjectRequest>(json)));
    }
}
