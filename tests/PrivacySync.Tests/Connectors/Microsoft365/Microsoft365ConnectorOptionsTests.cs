using PrivacySync.Connectors.Microsoft365;
using PrivacySync.Core.Configuration;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Connectors.Microsoft365;

/// <summary>Kind "microsoft365" checks its settings at load, each problem named by its path.</summary>
public sealed class Microsoft365ConnectorOptionsTests
{
    private static PrivacySyncOptions WithMicrosoft365(Microsoft365ConnectorOptions? connector, string? credential = "GRAPH_SECRET") =>
        TestOptions.Valid().WithSystem(0, s => s with
        {
            Kind = Microsoft365ConnectorKind.KindName,
            CredentialReference = credential,
            Connector = connector is null ? null : InstalledKinds.Section(connector),
        });

    [Fact]
    public void Microsoft365NeedsACredentialKind() =>
        Assert.Equal(
            ["Systems[0].Connector: is required for kind 'microsoft365' (at least Credential: 'client-secret', 'certificate', 'managed-identity' or 'static-token')"],
            InstalledKinds.Errors(WithMicrosoft365(null)));

    [Fact]
    public void Microsoft365ClientSecretNeedsTenantClientAndSecretReference() =>
        Assert.Equal(
            [
                "Systems[0].Connector.TenantId: is required",
                "Systems[0].Connector.ClientId: is required",
                "Systems[0].CredentialReference: is required for kind 'microsoft365': the name of the app setting holding the client secret",
            ],
            InstalledKinds.Errors(WithMicrosoft365(new Microsoft365ConnectorOptions { Credential = Microsoft365ConnectorRules.ClientSecret }, credential: null)));

    [Fact]
    public void Microsoft365ManagedIdentityNeedsNoSecret() =>
        Assert.Empty(InstalledKinds.Errors(WithMicrosoft365(new Microsoft365ConnectorOptions { Credential = Microsoft365ConnectorRules.ManagedIdentity }, credential: null)));

    [Fact]
    public void Microsoft365ScopeAndRetentionRulesAreChecked() =>
        Assert.Equal(
            [
                "Systems[0].Connector.Mailboxes: at least one mailbox is required when MailboxScope is 'list'",
                "Systems[0].Connector.Erasure.CurrentEmployee.LegalBasis: is required",
                "Systems[0].Connector.Erasure.ExternalMessages.Action: must be 'delete' or 'retain'",
            ],
            InstalledKinds.Errors(WithMicrosoft365(new Microsoft365ConnectorOptions
            {
                Credential = Microsoft365ConnectorRules.ManagedIdentity,
                MailboxScope = "list",
                Erasure = new Microsoft365ErasureOptions
                {
                    CurrentEmployee = new MailErasureRuleOptions { Action = "retain" },
                    ExternalMessages = new MailErasureRuleOptions { Action = "archive" },
                },
            })));
}
