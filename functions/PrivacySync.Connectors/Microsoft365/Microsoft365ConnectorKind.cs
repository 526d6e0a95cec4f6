using System.Security.Cryptography;
using Azure.Core;
using Microsoft.Extensions.Logging;
using PrivacySync.Connectors.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>
/// Kind "microsoft365": one connector per system (its Graph client and credential cache tokens and
/// connections), shared by every task of the system.
/// </summary>
public sealed class Microsoft365ConnectorKind(ConnectorSettings settings, TimeProvider time, ILoggerFactory loggers)
    : ConnectorKind<Microsoft365ConnectorOptions>(KindName, Microsoft365ConnectorRules.Check), IDisposable
{
    public const string KindName = Microsoft365Connector.ConnectorKind;

    private readonly SystemCache<Microsoft365Connector> connectors = new();

    public override async ValueTask<IConnector> CreateAsync(SystemOptions system, CancellationToken cancellationToken) =>
        await connectors.GetAsync(system.Id!, _ => Task.FromResult(Build(system)), cancellationToken).ConfigureAwait(false);

    public void Dispose() => connectors.Dispose();

    /// <summary>The options a system's configuration gives (secrets resolved); throws <see cref="PermanentConnectorException"/> when unusable.</summary>
    public Microsoft365Options OptionsFor(SystemOptions system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var connector = SettingsOf(system);
        var credential = connector.Credential ?? Microsoft365ConnectorRules.ManagedIdentity;
        var options = new Microsoft365Options
        {
            TenantId = connector.TenantId ?? "",
            ClientId = connector.ClientId ?? "",
            BaseUrl = new Uri(system.Endpoint!),
            ManagedIdentityClientId = connector.ManagedIdentityClientId,
            Mode = connector.Mode == "ediscovery" ? Microsoft365Mode.Ediscovery : Microsoft365Mode.Mailbox,
            MailboxScope = connector.MailboxScope switch
            {
                "group" => MailboxScope.Group,
                "list" => MailboxScope.List,
                _ => MailboxScope.All,
            },
            MailboxGroupId = connector.MailboxGroupId,
            Mailboxes = [.. connector.Mailboxes ?? []],
        };
        switch (credential)
        {
            case Microsoft365ConnectorRules.ClientSecret:
                options.Credential = Microsoft365CredentialKind.ClientSecret;
                options.ClientSecret = settings.Require(system, system.CredentialReference, "CredentialReference", "the client secret");
                break;
            case Microsoft365ConnectorRules.Certificate:
                options.Credential = Microsoft365CredentialKind.Certificate;
                options.CertificatePath = settings.PathFromConfig(connector.CertificatePath!);
                options.CertificatePassword = settings.Optional(system, system.CredentialReference, "CredentialReference", "the certificate's password");
                break;
            default:
                options.Credential = Microsoft365CredentialKind.ManagedIdentity;
                break;
        }

        var erasure = connector.Erasure;
        options.FormerEmployee = Rule(erasure?.FormerEmployee) ?? options.FormerEmployee;
        options.CurrentEmployee = Rule(erasure?.CurrentEmployee) ?? options.CurrentEmployee;
        options.ExternalMessages = Rule(erasure?.ExternalMessages) ?? options.ExternalMessages;
        options.ExternalContacts = Rule(erasure?.ExternalContacts) ?? options.ExternalContacts;
        return options;
    }

    private Microsoft365Connector Build(SystemOptions system)
    {
        var options = OptionsFor(system);
        TokenCredential credential;
        try
        {
            credential = SettingsOf(system).Credential == Microsoft365ConnectorRules.StaticToken
                ? new SandboxTokenCredential(settings.Require(system, system.CredentialReference, "CredentialReference", "the sandbox bearer token"))
                : Microsoft365Credentials.Create(options);
        }
        catch (PermanentConnectorException e) when (!e.Message.StartsWith("Systems '", StringComparison.Ordinal))
        {
            throw new PermanentConnectorException($"Systems '{system.Id}': {e.Message}", e);
        }
        catch (CryptographicException e)
        {
            throw new PermanentConnectorException($"Systems '{system.Id}': the certificate '{options.CertificatePath}' could not be loaded; check the file and its password setting.", e);
        }

        return new Microsoft365Connector(options, credential, time, loggers.CreateLogger<Microsoft365Connector>());
    }

    private static ErasureRule? Rule(MailErasureRuleOptions? rule) => rule switch
    {
        null => null,
        { Action: "retain" } => ErasureRule.Retain(rule.LegalBasis!, rule.RetainYears),
        _ => ErasureRule.Delete,
    };
}
