using PrivacySync.Connectors.Hr;
using PrivacySync.Connectors.HubSpot;
using PrivacySync.Core.Configuration;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Connectors;

/// <summary>A system's Connector section is read by its kind; what no kind or another kind owns is named by its path.</summary>
public sealed class ConnectorSectionTests
{
    [Fact]
    public void SettingOfAnotherKindIsNamedWithItsOwner() =>
        Assert.Equal(
            ["Systems[0].Connector.Mapping: is not a setting of kind 'hubspot' (it belongs to 'hr-sql')"],
            InstalledKinds.Errors(TestOptions.Valid().WithSystem(0, s => s with
            {
                Connector = InstalledKinds.Section(new { RequestsPerTenSeconds = 190, Mapping = "hr.json" }),
            })));

    [Fact]
    public void SettingOfTwoKindsNamesBoth() =>
        Assert.Equal(
            ["Systems[0].Connector.PageSize: is not a setting of kind 'hubspot' (it belongs to 'hr-sql' and 'hr-rest')"],
            InstalledKinds.Errors(TestOptions.Valid().WithSystem(0, s => s with { Connector = InstalledKinds.Section(new { PageSize = 10 }) })));

    [Fact]
    public void UnknownConnectorSettingInTheDocumentIsNamed()
    {
        const string Json = """
            {
              "LegalEntities": [ { "Id": "e", "Name": "E AS", "Jurisdiction": "NO", "DefaultLanguage": "nb", "PrivacyContact": "p@example.com",
                "SupervisoryAuthority": { "Name": "Datatilsynet", "Url": "https://www.datatilsynet.no" }, "Officers": [ "o" ] } ],
              "Systems": [ { "Id": "crm", "Kind": "hubspot", "DisplayName": "CRM", "EnabledRequestTypes": [ "access" ],
                "Endpoint": "https://api.hubapi.com", "CredentialReference": "T", "Queue": "cloud",
                "Connector": { "RequestsPer10Seconds": 100, "Categories": { "deals": { "Purpose": "p", "LegalBasis": "b", "Retain": 5 } } },
                "Categories": [ { "Name": "c", "Purpose": "p", "LegalBasis": "Art. 6(1)(b)", "ErasureAction": "delete" } ] } ],
              "RequestDataRetentionDays": 30
            }
            """;

        Assert.Equal(
            ["Systems[0].Connector.RequestsPer10Seconds: unknown setting", "Systems[0].Connector.Categories.deals.Retain: unknown setting"],
            PrivacySyncOptionsLoader.Parse(Json, InstalledKinds.All).Errors);
    }

    [Fact]
    public void SettingOfTheWrongTypeIsNamed() =>
        Assert.Equal(
            ["Systems[1].Connector.PageSize: must be a whole number"],
            InstalledKinds.Errors(TestOptions.Valid().WithSystem(1, s => s with
            {
                Connector = InstalledKinds.Section(new { Provider = "postgresql", Mapping = "hr.mapping.json", PageSize = "many" }),
            })));

    [Fact]
    public void UnknownKindNamesTheInstalledOnes() =>
        Assert.Equal(
            ["Systems[0].Kind: must be one of 'hubspot', 'microsoft365', 'hr-sql', 'hr-rest'"],
            InstalledKinds.Errors(TestOptions.Valid().WithSystem(0, s => s with { Kind = "salesforce" })));

    [Fact]
    public void WithoutKindsOnlyTheGenericSettingsAreChecked() =>
        Assert.Empty(OptionsValidator.Validate(TestOptions.Valid().WithSystem(0, s => s with
        {
            Kind = "salesforce",
            Connector = InstalledKinds.Section(new HubSpotConnectorOptions { RequestsPerTenSeconds = 0 }),
        })));

    [Fact]
    public void EveryInstalledKindIsKnownByItsOwnName() =>
        Assert.Equal(
            [HubSpotConnectorKind.KindName, "microsoft365", HrSqlConnectorKind.KindName, "hr-rest"],
            InstalledKinds.All.Select(k => k.Name));
}
