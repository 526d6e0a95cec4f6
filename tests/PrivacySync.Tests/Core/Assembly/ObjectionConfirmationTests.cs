using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Connectors;
using PrivacySync.Tests.Core.Certificates;

namespace PrivacySync.Tests.Core.Assembly;

public sealed class ObjectionConfirmationTests
{
    private static ObjectionConfirmation Confirmation(string language) =>
        ObjectionConfirmation.Create(
            "obj-0001",
            CertificateTestData.Request(language) with { Type = "objection" },
            CertificateTestData.Entity,
            [
                SystemResult.Success("hubspot", "HubSpot", [new CategoryOutcome("newsletter", OutcomeKind.Unsubscribed), new CategoryOutcome("event-invitations", OutcomeKind.Unsubscribed)]),
                SystemResult.Success("m365", "Microsoft 365", [CategoryOutcome.NotFound("mailing-lists")]),
                SystemResult.Failure("events", "Event platform", "The platform API rejected the token."),
            ],
            SubjectReference.Compute(CertificateTestData.Email, CertificateTestData.Salt));

    [Fact]
    public void SignedConfirmationVerifiesInTheSameEnvelopeAsCertificates()
    {
        using var key = CertificateKeys.GenerateDevelopmentKey();
        var envelope = new CertificateSigner(key).Sign(Confirmation("en"));

        var verification = CertificateVerifier.Verify(envelope, CertificateKeys.ExportPublicKeyPem(key));

        Assert.True(verification.IsValid, verification.Reason);
        Assert.Equal("objection-confirmation", (string)verification.Document!["documentType"]!);
        Assert.Equal("obj-0001", (string)verification.Document["confirmationId"]!);
        Assert.DoesNotContain("kari", envelope, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ChangedSystemOutcomeIsTampered()
    {
        using var key = CertificateKeys.GenerateDevelopmentKey();
        var envelope = CertificateTestJson.ParseVerbatim(new CertificateSigner(key).Sign(Confirmation("en")));
        envelope.SelectToken("certificate.systems[2]")!["status"] = "succeeded";

        Assert.Equal(VerificationStatus.Tampered, CertificateVerifier.Verify(envelope.ToString(), CertificateKeys.ExportPublicKeyPem(key)).Status);
    }

    [Fact]
    public void StatesPerSystemOutcomesInTheSubjectsLanguage()
    {
        var json = Confirmation("sv").ToJson();
        var systems = (JArray)json["systems"]!;

        Assert.Equal("completed-with-exceptions", (string)json["completion"]!);
        Assert.Equal("unsubscribed", (string)systems[0]!["categories"]![0]!["outcome"]!);
        Assert.Equal("Du har avregistrerats från direktmarknadsföring (”newsletter”) i HubSpot.", (string)systems[0]!["categories"]![0]!["statement"]!);
        Assert.Equal("not-found", (string)systems[1]!["categories"]![0]!["outcome"]!);
        Assert.Equal("failed", (string)systems[2]!["status"]!);
        Assert.Equal("The platform API rejected the token.", (string)systems[2]!["error"]!);
        Assert.Equal("Vi kunde inte slutföra din begäran i Event platform; vi följer upp detta och bekräftar separat.", (string)systems[2]!["statement"]!);
    }
}
