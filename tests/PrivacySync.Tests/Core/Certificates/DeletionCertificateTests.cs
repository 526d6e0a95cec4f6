using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;
using static PrivacySync.Tests.Core.Certificates.CertificateTestData;

namespace PrivacySync.Tests.Core.Certificates;

public sealed class DeletionCertificateTests
{
    private static JObject Body(string language = "en") => CertificateTestJson.ParseVerbatim(Certificate(language).ToJson().ToString());

    [Fact]
    public void NamesTheRequestTheControllerAndTheDates()
    {
        var body = Body();

        Assert.Equal("deletion-certificate", (string)body["documentType"]!);
        Assert.Equal("cert-0001", (string)body["certificateId"]!);
        Assert.Equal("req-2026-0042", (string)body["requestId"]!);
        Assert.Equal("erasure", (string)body["requestType"]!);
        Assert.Equal("Datatilsynet", (string)body["legalEntity"]!["supervisoryAuthority"]!);
        Assert.Equal("NO", (string)body["legalEntity"]!["jurisdiction"]!);
        Assert.Equal("personvern@nordvik.example", (string)body["legalEntity"]!["privacyContact"]!);
        Assert.Equal("2026-02-01", (string)body["receivedOn"]!);
        Assert.Equal("2026-03-03", (string)body["dueOn"]!);
        Assert.Equal("2026-02-20", (string)body["completedOn"]!);
        Assert.Equal("2026-02-20T08:00:00.000Z", (string)body["issuedAt"]!);
    }

    [Fact]
    public void StatesEveryOutcomeWithItsSentence()
    {
        var categories = Body().SelectTokens("systems[*].categories[*]").Cast<JObject>().ToDictionary(c => (string)c["category"]!);

        Assert.Equal("erased", (string)categories["contacts"]["outcome"]!);
        Assert.Equal("Your data in the category “contacts” in HubSpot has been erased.", (string)categories["contacts"]["statement"]!);
        Assert.Equal("anonymised", (string)categories["web-analytics"]["outcome"]!);
        Assert.Equal("not-found", (string)categories["deals"]["outcome"]!);
        Assert.Equal("retained", (string)categories["invoices"]["outcome"]!);
        Assert.Equal("Bokføringsloven § 13", (string)categories["invoices"]["legalBasis"]!);
        Assert.Equal("2031-12-31", (string)categories["invoices"]["retainedUntil"]!);
        Assert.Equal(
            "Your data in the category “invoices” in Finance is retained until 31 December 2031 under Bokføringsloven § 13, and will be erased then.",
            (string)categories["invoices"]["statement"]!);
        Assert.Equal("manual-action-required", (string)categories["paper-archive"]["outcome"]!);
        Assert.Equal("Shred folder 12 in the Bodø archive.", (string)categories["paper-archive"]["instructions"]!);
        Assert.False(categories["contacts"].ContainsKey("reason"), "Absent values are left out rather than written as null.");
        Assert.False(((JObject)Body()["systems"]![0]!).ContainsKey("error"));
    }

    [Fact]
    public void FailedSystemCarriesItsErrorAndMakesTheRequestCompleteWithExceptions()
    {
        var body = Body();
        var m365 = (JObject)body["systems"]![3]!;

        Assert.Equal("completed-with-exceptions", (string)body["completion"]!);
        Assert.Equal("failed", (string)m365["status"]!);
        Assert.Equal("Graph returned 403: grant Mail.ReadWrite.", (string)m365["error"]!);
        Assert.Equal("We could not complete your request in Microsoft 365; we are following this up and will confirm separately.", (string)m365["statement"]!);
    }

    [Fact]
    public void SentencesFollowTheRequestLanguage()
    {
        var statement = (string)Body("nb").SelectToken("systems[1].categories[0].statement")!;

        Assert.Equal("Opplysningene dine i kategorien «invoices» i Finance oppbevares til 31. desember 2031 med hjemmel i Bokføringsloven § 13, og slettes deretter.", statement);
    }

    [Fact]
    public void NeverContainsTheEmailOnlyItsPseudonym()
    {
        using var key = CertificateKeys.GenerateDevelopmentKey();
        var envelope = new CertificateSigner(key).Sign(Certificate());

        Assert.DoesNotContain("kari", envelope, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example.no", envelope, StringComparison.OrdinalIgnoreCase);
        var expected = "hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(Salt, "kari.nordmann@example.no"u8));
        Assert.Equal(expected, (string)CertificateTestJson.ParseVerbatim(envelope)["certificate"]!["subjectReference"]!);
    }
}
