using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PrivacySync.Core.Certificates;

namespace PrivacySync.Functions.Orchestration;

/// <summary>The certificate signing key, loaded once from <c>PrivacySync:SigningKeyPath</c> or <c>PrivacySync:SigningKeyPem</c>.</summary>
public sealed class SigningKey : IDisposable
{
    public SigningKey(IOptions<OrchestrationOptions> options)
    {
        var settings = options.Value;
        var pem = settings.SigningKeyPem;
        if (string.IsNullOrWhiteSpace(pem))
        {
            if (string.IsNullOrWhiteSpace(settings.SigningKeyPath))
            {
                throw new InvalidOperationException("PrivacySync:SigningKeyPath (or PrivacySync:SigningKeyPem) must name the ECDSA P-256 key that signs certificates.");
            }

            if (!File.Exists(settings.SigningKeyPath))
            {
                throw new InvalidOperationException($"PrivacySync:SigningKeyPath: the key file '{settings.SigningKeyPath}' does not exist.");
            }

            pem = File.ReadAllText(settings.SigningKeyPath);
        }

        try
        {
            Key = CertificateKeys.LoadPrivateKeyPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException("PrivacySync:SigningKeyPath/SigningKeyPem: not a PKCS#8 PEM ECDSA P-256 private key.", e);
        }

        PublicKeyPem = CertificateKeys.ExportPublicKeyPem(Key);
        KeyId = CertificateKeys.KeyId(Key);
    }

    public ECDsa Key { get; }

    public string PublicKeyPem { get; }

    public string KeyId { get; }

    public CertificateSigner CreateSigner() => new(Key);

    public void Dispose() => Key.Dispose();
}
