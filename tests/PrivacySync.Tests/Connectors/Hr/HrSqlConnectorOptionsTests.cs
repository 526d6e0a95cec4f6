using PrivacySync.Connectors.Hr;
using PrivacySync.Connectors.Hr.Rest;
using PrivacySync.Core.Configuration;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Connectors.Hr;

/// <summary>Kinds "hr-sql" and "hr-rest" check their settings at load, each problem named by its path.</summary>
public sealed class HrSqlConnectorOptionsTests
{
    private static PrivacySyncOptions WithHr(HrSqlConnectorOptions? connector) =>
        TestOptions.Valid().WithSystem(1, s => s with { Connector = connector is null ? null : InstalledKinds.Section(connector) });

    [Fact]
    public void HrSqlNeedsProviderAndMapping()
    {
        Assert.Equal(
            ["Systems[1].Connector: is required for kind 'hr-sql' (Provider: 'postgresql' or 'sqlite'; Mapping: the mapping file)"],
            InstalledKinds.Errors(WithHr(null)));
        Assert.Equal(
            ["Systems[1].Connector.Provider: must be 'postgresql' or 'sqlite'", "Systems[1].Connector.Mapping: is required"],
            InstalledKinds.Errors(WithHr(new HrSqlConnectorOptions { Provider = "sqlserver" })));
    }

    [Fact]
    public void HrSqlKeySettingMustBeASettingNameNotAKey() =>
        Assert.Equal(
            ["Systems[1].Connector.NationalIdHashKeySetting: must be the name of an app setting (letters, digits, '_', '-', '.', ':'), never the secret itself"],
            InstalledKinds.Errors(WithHr(new HrSqlConnectorOptions
            {
                Provider = "postgresql", Mapping = "hr.mapping.json", NationalIdHashKeySetting = "k3y material with spaces",
            })));

    [Fact]
    public void HrRestPageSizeIsBounded() =>
        Assert.Equal(
            ["Systems[1].Connector.PageSize: must be between 1 and 10000"],
            InstalledKinds.Errors(TestOptions.Valid().WithSystem(1, s => s with
            {
                Kind = HrRestConnectorKind.KindName,
                Endpoint = "https://hr.example.com/v2", // HR REST needs https; only the page size is wrong here
                Connector = InstalledKinds.Section(new HrRestConnectorOptions { PageSize = 0 }),
            })));
}
