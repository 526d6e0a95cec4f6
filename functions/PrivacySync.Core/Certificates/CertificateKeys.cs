using System.Buffers.Text;
using System.Security.Cryptography;

namespace PrivacySync.Core.Certificates;

/// <summary>Loading, exporting and identifying the ECDSA P-256 keys that sign certificates and confirmations.</summary>
public static class CertificateKeys
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>Loads a private key from PEM (PKCS#8 "PRIVATE KEY"; SEC1 "EC PRIVATE KEY" is accepted too).</summary>
    /// <exception cref="ArgumentException">The PEM holds no P-256 private key.</exception>
    public static ECDsa LoadPrivateKeyPem(string pem)
    {
        var key = Import(pem);
        try
        {
            RequireP256(key);
            // Throws when the PEM held only a public key.
            _ = key.ExportParameters(includePrivateParameters: true);
            return key;
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new ArgumentException("The PEM does not hold a P-256 private key.", nameof(pem), e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Loads a public key from PEM ("PUBLIC KEY", SubjectPublicKeyInfo).</summary>
    /// <exception cref="ArgumentException">The PEM holds no P-256 key.</exception>
    public static ECDsa LoadPublicKeyPem(string pem)
    {
        var key = Import(pem);
        try
        {
            RequireP256(key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public static string ExportPublicKeyPem(ECDsa key) => key.ExportSubjectPublicKeyInfoPem();

    public static string ExportPrivateKeyPem(ECDsa key) => key.ExportPkcs8PrivateKeyPem();

    /// <summary>A fresh P-256 key for local development and tests; production keys come from configuration.</summary>
    public static ECDsa GenerateDevelopmentKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The key id: base64url (unpadded) SHA-256 thumbprint of the DER SubjectPublicKeyInfo.</summary>
    public static string KeyId(ECDsa key) => Base64Url.EncodeToString(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private static ECDsa Import(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new ArgumentException("The PEM does not hold an EC key.", nameof(pem), e);
        }
    }

    /// <exception cref="ArgumentException">The key is not on P-256.</exception>
    internal static void RequireP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        var isP256 = curve.IsNamed && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "secp256r1" or "prime256v1");
        if (!isP256)
        {
            throw new ArgumentException("The key is not on the P-256 curve that ES256 requires.");
        }
    }
}
