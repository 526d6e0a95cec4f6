using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Connectors.Common;
using PrivacySync.Core.Certificates;
using PrivacySync.Storage.Reconciliation;

namespace PrivacySync.Cli;

/// <summary>
/// The connectors and the signing key for <c>reconcile</c>'s nightly duties, from the settings the function app reads
/// (<c>PrivacySync__ConfigPath</c>, each system's credential setting, <c>PrivacySync__SigningKeyPath</c> or
/// <c>PrivacySync__SigningKeyPem</c>). Null without a configuration document or a signing key: the duties are then left out.
/// </summary>
internal static class NightlyPartsReader
{
    private const string SigningKeyPathSetting = "PrivacySync:SigningKeyPath";
    private const string SigningKeyPemSetting = "PrivacySync:SigningKeyPem";

    /// <exception cref="InvalidOperationException">A signing key is named but unusable.</exception>
    public static NightlyParts? Read(IConfiguration settings, string? configPath)
    {
        if (configPath is null || SigningKeyPem(settings) is not { } pem)
        {
            return null;
        }

        ECDsa key;
        try
        {
            key = CertificateKeys.LoadPrivateKeyPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"{SigningKeyPathSetting}/{SigningKeyPemSetting}: not a PKCS#8 PEM ECDSA P-256 private key.");
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(settings);
        // The connectors keep the real clock: their rate windows and retries are the systems' real ones, whatever night is reconciled.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new ConfigurationFolder(Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? "."));
        services.AddInstalledConnectorKinds();
        // The provider lives as long as the command: the process ends with it.
        var provider = services.BuildServiceProvider();
        return new NightlyParts(provider.GetRequiredService<ConnectorRegistry>(), new Lazy<CertificateSigner>(() => new CertificateSigner(key)));
    }

    private static string? SigningKeyPem(IConfiguration settings)
    {
        if (settings[SigningKeyPemSetting] is { Length: > 0 } pem)
        {
            return pem;
        }

        if (settings[SigningKeyPathSetting] is not { Length: > 0 } path)
        {
            return null;
        }

        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{SigningKeyPathSetting}: the key file '{path}' does not exist.");
    }
}
