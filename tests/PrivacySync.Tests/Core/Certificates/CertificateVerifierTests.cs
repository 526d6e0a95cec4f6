using System.Buffers.Text;
using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;
using static PrivacySync.Tests.Core.Certificates.CertificateTestData;

namespace PrivacySync.Tests.Core.Certificates;

public sealed class CertificateVerifierTests : IDisposable
{
    private readonly ECDsa key;
    private readonly string publicKeyPem;
    private readonly string envelope;

    public CertificateVerifierTests()
    {
        // Through PEM, as the function app loads its configured key.
        using var generated = CertificateKeys.GenerateDevelopmentKey();
        key = CertificateKeys.LoadPrivateKeyPem(CertificateKeys.ExportPrivateKeyPem(generated));
        publicKeyPem = CertificateKeys.ExportPublicKeyPem(key);
        envelope = new CertificateSigner(key).Sign(Certificate());
    }

    public void Dispose() => key.Dispose();

    [Fact]
    public void SignedCertificateVerifiesWithTheMatchingPublicKey()
    {
        var verification = CertificateVerifier.Verify(envelope, publicKeyPem);

        Assert.Equal(VerificationStatus.Valid, verification.Status);
        Assert.True(verification.IsValid);
        Assert.Equal("cert-0001", (string)verification.Document!["certificateId"]!);
    }

    [Fact]
    public void EnvelopeHasTheDocumentedShape()
    {
        var parsed = JObject.Parse(envelope, new JsonLoadSettings());
        var signature = (JObject)parsed["signature"]!;

        Assert.Equal(["certificate", "signature"], parsed.Properties().Select(p => p.Name));
        Assert.Equal("ES256", (string)signature["algorithm"]!);
        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(key.ExportSubjectPublicKeyInfo())), (string)signature["keyId"]!);
        var value = Convert.FromBase64String((string)signature["value"]!);
        Assert.Equal(64, value.Length);

        // An independent check: the value is a P1363 r||s signature over the canonical body.
        using var verifier = ECDsa.Create();
        verifier.ImportFromPem(publicKeyPem);
        var body = CertificateTestJson.ParseVerbatim(envelope)["certificate"]!;
        Assert.True(verifier.VerifyData(CanonicalJson.ToUtf8Bytes(body), value, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void ReorderedAndReindentedEnvelopeStillVerifies()
    {
        var parsed = CertificateTestJson.ParseVerbatim(envelope);
        var body = (JObject)parsed["certificate"]!;
        var reversed = new JObject(body.Properties().Reverse());
        var rewritten = new JObject { ["signature"] = parsed["signature"], ["certificate"] = reversed }.ToString(Formatting.None);

        Assert.Equal(VerificationStatus.Valid, CertificateVerifier.Verify(rewritten, publicKeyPem).Status);
    }

    [Fact]
    public void ChangedOutcomeIsReportedAsTampered()
    {
        var parsed = CertificateTestJson.ParseVerbatim(envelope);
        var retained = parsed.SelectToken("certificate.systems[1].categories[0]")!;
        Assert.Equal("retained", (string)retained["outcome"]!);
        retained["outcome"] = "erased";

        var verification = CertificateVerifier.Verify(parsed.ToString(), publicKeyPem);

        Assert.Equal(VerificationStatus.Tampered, verification.Status);
        Assert.False(verification.IsValid);
        Assert.Null(verification.Document);
    }

    [Fact]
    public void AddedPropertyIsReportedAsTampered()
    {
        var parsed = CertificateTestJson.ParseVerbatim(envelope);
        parsed["certificate"]!["note"] = "all data erased";

        Assert.Equal(VerificationStatus.Tampered, CertificateVerifier.Verify(parsed.ToString(), publicKeyPem).Status);
    }

    [Fact]
    public void AlteredKeyIdIsReportedAsTampered()
    {
        var parsed = CertificateTestJson.ParseVerbatim(envelope);
        parsed["signature"]!["keyId"] = "AAAA";

        Assert.Equal(VerificationStatus.Tampered, CertificateVerifier.Verify(parsed.ToString(), publicKeyPem).Status);
    }

    [Fact]
    public void AnotherKeyIsReportedAsWrongKey()
    {
        using var other = CertificateKeys.GenerateDevelopmentKey();

        var verification = CertificateVerifier.Verify(envelope, CertificateKeys.ExportPublicKeyPem(other));

        Assert.Equal(VerificationStatus.WrongKey, verification.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"certificate":{"a":1}}""")]
    [InlineData("""{"certificate":"text","signature":{"algorithm":"ES256","keyId":"k","value":"AA=="}}""")]
    [InlineData("""{"certificate":{"a":1},"signature":{"keyId":"k","value":"AA=="}}""")]
    [InlineData("""{"certificate":{"a":1},"signature":{"algorithm":"RS256","keyId":"k","value":"AA=="}}""")]
    [InlineData("""{"certificate":{"a":1},"signature":{"algorithm":"ES256","keyId":"k","value":"%%% not base64"}}""")]
    [InlineData("""{"certificate":{"a":1},"signature":{"algorithm":"ES256","keyId":"k","value":"AAAA"}}""")]
    [InlineData("""{"certificate":{"a":1,"a":2},"signature":{"algorithm":"ES256","keyId":"k","value":"AAAA"}}""")]
    [InlineData("""{"certificate":{"a":1},"signature":{"algorithm":"ES256","keyId":"k","value":"AAAA"}} trailing""")]
    public void MalformedEnvelopeIsUnusableInput(string input)
    {
        Assert.Equal(VerificationStatus.UnusableInput, CertificateVerifier.Verify(input, publicKeyPem).Status);
    }

    [Fact]
    public void SignatureOfTheWrongLengthIsUnusableInput()
    {
        var parsed = CertificateTestJson.ParseVerbatim(envelope);
        parsed["signature"]!["value"] = Convert.ToBase64String(new byte[63]);

        Assert.Equal(VerificationStatus.UnusableInput, CertificateVerifier.Verify(parsed.ToString(), publicKeyPem).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----")]
    public void UnusablePublicKeyIsUnusableInput(string pem)
    {
        Assert.Equal(VerificationStatus.UnusableInput, CertificateVerifier.Verify(envelope, pem).Status);
    }

    [Fact]
    public void PublicKeyOnAnotherCurveIsUnusableInput()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Equal(VerificationStatus.UnusableInput, CertificateVerifier.Verify(envelope, p384.ExportSubjectPublicKeyInfoPem()).Status);
    }
}
