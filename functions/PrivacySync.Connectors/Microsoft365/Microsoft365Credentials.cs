using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>Builds the app-only Entra ID credential named by configuration.</summary>
public static class Microsoft365Credentials
{
    public static TokenCredential Create(Microsoft365Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Credential)
        {
            case Microsoft365CredentialKind.ManagedIdentity:
                return string.IsNullOrEmpty(options.ManagedIdentityClientId)
                    ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                    : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
            case Microsoft365CredentialKind.ClientSecret:
                Require(options.TenantId, "TenantId");
                Require(options.ClientId, "ClientId");
                Require(options.ClientSecret, "ClientSecret");
                return new ClientSecretCredential(
                    options.TenantId, options.ClientId, options.ClientSecret,
                    new ClientSecretCredentialOptions { AuthorityHost = options.AuthorityHost });
            case Microsoft365CredentialKind.Certificate:
                Require(options.TenantId, "TenantId");
                Require(options.ClientId, "ClientId");
                Require(options.CertificatePath, "CertificatePath");
                if (!File.Exists(options.CertificatePath))
                {
                    throw new PermanentConnectorException(
                        "Microsoft 365: the configured certificate file does not exist; check CertificatePath.");
                }

                return new ClientCertificateCredential(
                    options.TenantId, options.ClientId, LoadCertificate(options.CertificatePath!, options.CertificatePassword),
                    new ClientCertificateCredentialOptions { AuthorityHost = options.AuthorityHost, SendCertificateChain = false });
            default:
                throw new PermanentConnectorException($"Microsoft 365: unknown credential kind '{options.Credential}'.");
        }
    }

    private static X509Certificate2 LoadCertificate(string path, string? password) =>
        path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
            ? X509Certificate2.CreateFromPemFile(path)
            : X509CertificateLoader.LoadPkcs12FromFile(path, password);

    private static void Require(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new PermanentConnectorException($"Microsoft 365: {name} is required for the configured credential kind.");
        }
    }
}
