using PrivacySync.Core.Configuration;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Core.Configuration;

/// <summary>Kind-specific connector settings are checked at load, each problem named by its path.</summary>
public sealed class ConnectorOptionsValidationTests
{
    private static IReadOnlyList<string> Errors(PrivacySyncOptions options) => OptionsValidator.Validate(options);

    private static PrivacySyncOptions WithHubSpot(ConnectorOptions connector) => TestOptions.Valid().WithSystem(0, s => s with { Connector = connector });

    private static PrivacySyncOptions WithHr(Func<SystemOptions, SystemOptions> change) => TestOptions.Valid().WithSystem(1, change);

    private static PrivacySyncOptions WithMicrosoft365(ConnectorOptions? connector, string? credential = "GRAPH_SECRET") =>
        TestOptions.Valid().WithSystem(0, s => s with { Kind = SystemKinds.Microsoft365, CredentialReference = credential, Connector = connector });

    [Fact]
    public void SettingOfAnotherKindIsNamedWithItsOwner() =>
        Assert.Equal(
            ["Systems[0].Connector.Mapping: is not a setting of kind 'hubspot' (it belongs to 'hr-sql')"],
            Errors(WithHubSpot(new ConnectorOptions { RequestsPerTenSeconds = 190, Mapping = "hr.json" })));

    [Fact]
    public void HubSpotRateTierOutOfRangeAndUnknownTimeZoneAreNamed() =>
        Assert.Equal(
            [
                "Systems[0].Connector.RequestsPerTenSeconds: must be between 1 and 10000",
                "Systems[0].Connector.DailyQuotaTimeZone: unknown time zone 'Norway/Oslo'; use an IANA id such as 'Europe/Oslo' or 'UTC'",
            ],
            Errors(WithHubSpot(new ConnectorOptions { RequestsPerTenSeconds = 0, DailyQuotaTimeZone = "Norway/Oslo" })));

    [Fact]
    public void HubSpotCategoryOverrideNeedsPurposeAndLegalBasis() =>
        Assert.Equal(
            [
                "Systems[0].Connector.Categories.deals.LegalBasis: is required",
                "Systems[0].Connector.Categories.deals.Erasure: must be 'retain' or 'archive'",
            ],
            Errors(WithHubSpot(new ConnectorOptions
            {
                Categories = new Dictionary<string, HubSpotCategoryOptions> { ["deals"] = new() { Purpose = "Invoicing", Erasure = "delete" } },
            })));

    [Fact]
    public void HubSpotNeedsACredentialReference() =>
        Assert.Equal(
            ["Systems[0].CredentialReference: is required for kind 'hubspot': the name of the app setting holding the HubSpot private-app access token"],
            Errors(TestOptions.Valid().WithSystem(0, s => s with { CredentialReference = null })));

    [Fact]
    public void HrSqlNeedsProviderAndMapping()
    {
        Assert.Equal(
            ["Systems[1].Connector: is required for kind 'hr-sql' (Provider: 'postgresql' or 'sqlite'; Mapping: the mapping file)"],
            Errors(WithHr(s => s with { Connector = null })));
        Assert.Equal(
            ["Systems[1].Connector.Provider: must be 'postgresql' or 'sqlite'", "Systems[1].Connector.Mapping: is required"],
            Errors(WithHr(s => s with { Connector = new ConnectorOptions { Provider = "sqlserver" } })));
    }

    [Fact]
    public void HrSqlKeySettingMustBeASettingNameNotAKey() =>
        Assert.Equal(
            ["Systems[1].Connector.NationalIdHashKeySetting: must be the name of an app setting (letters, digits, '_', '-', '.', ':'), never the secret itself"],
            Errors(WithHr(s => s with { Connector = s.Connector! with { NationalIdHashKeySetting = "k3y material with spaces" } })));

    [Fact]
    public void Microsoft365NeedsACredentialKind() =>
        Assert.Equal(
            ["Systems[0].Connector: is required for kind 'microsoft365' (at least Credential: 'client-secret', 'certificate', 'managed-identity' or 'static-token')"],
            Errors(WithMicrosoft365(null)));

    [Fact]
    public void Microsoft365ClientSecretNeedsTenantClientAndSecretReference() =>
        Assert.Equal(
            [
                "Systems[0].Connector.TenantId: is required",
                "Systems[0].Connector.ClientId: is required",
                "Systems[0].CredentialReference: is required for kind 'microsoft365': the name of the app setting holding the client secret",
            ],
            Errors(WithMicrosoft365(new ConnectorOptions { Credential = ConnectorValues.ClientSecret }, credential: null)));

    [Fact]
    public void Microsoft365ManagedIdentityNeedsNoSecret() =>
        Assert.Empty(Errors(WithMicrosoft365(new ConnectorOptions { Credential = ConnectorValues.ManagedIdentity }, credential: null)));

    [Fact]
    public void Microsoft365ScopeAndRetentionRulesAreChecked() =>
        Assert.Equal(
            [
                "Systems[0].Connector.Mailboxes: at least one mailbox is required when MailboxScope is 'list'",
                "Systems[0].Connector.Erasure.CurrentEmployee.LegalBasis: is required",
                "Systems[0].Connector.Erasure.ExternalMessages.Action: must be 'delete' or 'retain'",
            ],
            Errors(WithMicrosoft365(new ConnectorOptions
            {
                Credential = ConnectorValues.ManagedIdentity,
                MailboxScope = "list",
                Erasure = new Microsoft365ErasureOptions
                {
                    CurrentEmployee = new MailErasureRuleOptions { Action = "retain" },
                    ExternalMessages = new MailErasureRuleOptions { Action = "archive" },
                },
            })));

    [Fact]
    public void UnknownConnectorSettingInTheDocumentIsNamed()
    {
        const string Json = """
            {
              "LegalEntities": [ { "Id": "e", "Name": "E AS", "Jurisdiction": "NO", "DefaultLanguage": "nb", "PrivacyContact": "p@example.com",
                "SupervisoryAuthority": { "Name": "Datatilsynet", "Url": "https://www.datatilsynet.no" }, "Officers": [ "o" ] } ],
              "Systems": [ { "Id": "crm", "Kind": "hubspot", "DisplayName": "CRM", "EnabledRequestTypes": [ "access" ],
                "Endpoint": "https://api.hubapi.com", "CredentialReference": "T", "Queue": "cloud",
                "Connector": { "RequestsPer10Seconds": 100 },
                "Categories": [ { "Name": "c", "Purpose": "p", "LegalBasis": "Art. 6(1)(b)", "ErasureAction": "delete" } ] } ],
              "RequestDataRetentionDays": 30
            }
            """;

        Assert.Equal(["Systems[0].Connector.RequestsPer10Seconds: unknown setting"], PrivacySyncOptionsLoader.Parse(Json).Errors);
    }
}
