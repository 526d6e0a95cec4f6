using System.Security.Cryptography;
using PrivacySync.Core.Certificates;

namespace PrivacySync.Tests.Core.Certificates;

public sealed class CertificateKeysTests
{
    [Fact]
    public void PrivateKeyRoundTripsThroughPkcs8Pem()
    {
        using var key = CertificateKeys.GenerateDevelopmentKey();
        var pem = CertificateKeys.ExportPrivateKeyPem(key);

        using var loaded = CertificateKeys.LoadPrivateKeyPem(pem);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        Assert.Equal(CertificateKeys.KeyId(key), CertificateKeys.KeyId(loaded));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", CertificateKeys.ExportPublicKeyPem(loaded), StringComparison.Ordinal);
    }

    [Fact]
    public void PublicKeyPemIsNotAcceptedAsAPrivateKey()
    {
        using var key = CertificateKeys.GenerateDevelopmentKey();

        Assert.Throws<ArgumentException>(() => CertificateKeys.LoadPrivateKeyPem(CertificateKeys.ExportPublicKeyPem(key)));
    }

    [Fact]
    public void KeysOnOtherCurvesAreRejected()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => CertificateKeys.LoadPrivateKeyPem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => new CertificateSigner(p384));
    }

    [Fact]
    public void KeyIdIsAnUnpaddedBase64UrlSha256Thumbprint()
    {
        using var key = CertificateKeys.GenerateDevelopmentKey();

        var keyId = CertificateKeys.KeyId(key);

        Assert.Equal(43, keyId.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", keyId);
    }
}
