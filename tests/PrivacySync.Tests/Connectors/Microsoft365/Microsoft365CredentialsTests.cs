using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Identity;
using PrivacySync.Connectors.Microsoft365;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Connectors.Microsoft365;

public sealed class Microsoft365CredentialsTests
{
    [Fact]
    public void BuildsAClientSecretCredential()
    {
        var credential = Microsoft365Credentials.Create(new Microsoft365Options
        {
            Credential = Microsoft365CredentialKind.ClientSecret, TenantId = "t", ClientId = "c", ClientSecret = "s",
        });

        Assert.IsType<ClientSecretCredential>(credential);
    }

    [Fact]
    public void BuildsAClientCertificateCredentialFromAPfxFile()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=privacysync-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pw"));
        try
        {
            var credential = Microsoft365Credentials.Create(new Microsoft365Options
            {
                Credential = Microsoft365CredentialKind.Certificate, TenantId = "t", ClientId = "c", CertificatePath = path, CertificatePassword = "pw",
            });

            Assert.IsType<ClientCertificateCredential>(credential);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BuildsAManagedIdentityCredential()
    {
        Assert.IsType<ManagedIdentityCredential>(Microsoft365Credentials.Create(new Microsoft365Options()));
        Assert.IsType<ManagedIdentityCredential>(Microsoft365Credentials.Create(new Microsoft365Options { ManagedIdentityClientId = "11111111-2222-3333-4444-555555555555" }));
    }

    [Fact]
    public void RejectsAClientSecretConfigurationWithoutTheSecret()
    {
        var failure = Assert.Throws<PermanentConnectorException>(() => Microsoft365Credentials.Create(new Microsoft365Options
        {
            Credential = Microsoft365CredentialKind.ClientSecret, TenantId = "t", ClientId = "c",
        }));

        Assert.Contains("ClientSecret is required", failure.Message);
    }

    [Fact]
    public void RejectsACertificateConfigurationWhoseFileIsMissing()
    {
        var failure = Assert.Throws<PermanentConnectorException>(() => Microsoft365Credentials.Create(new Microsoft365Options
        {
            Credential = Microsoft365CredentialKind.Certificate, TenantId = "t", ClientId = "c", CertificatePath = "/nonexistent/app.pfx",
        }));

        Assert.Contains("certificate file does not exist", failure.Message);
    }
}
