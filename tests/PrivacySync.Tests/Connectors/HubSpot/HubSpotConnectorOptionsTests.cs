using PrivacySync.Connectors.HubSpot;
using PrivacySync.Core.Configuration;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Connectors.HubSpot;

/// <summary>Kind "hubspot" checks its settings at load, each problem named by its path.</summary>
public sealed class HubSpotConnectorOptionsTests
{
    private static PrivacySyncOptions WithHubSpot(HubSpotConnectorOptions connector) =>
        TestOptions.Valid().WithSystem(0, s => s with { Connector = InstalledKinds.Section(connector) });

    [Fact]
    public void HubSpotRateTierOutOfRangeAndUnknownTimeZoneAreNamed() =>
        Assert.Equal(
            [
                "Systems[0].Connector.RequestsPerTenSeconds: must be between 1 and 10000",
                "Systems[0].Connector.DailyQuotaTimeZone: unknown time zone 'Norway/Oslo'; use an IANA id such as 'Europe/Oslo' or 'UTC'",
            ],
            InstalledKinds.Errors(WithHubSpot(new HubSpotConnectorOptions { RequestsPerTenSeconds = 0, DailyQuotaTimeZone = "Norway/Oslo" })));

    [Fact]
    public void HubSpotCategoryOverrideNeedsPurposeAndLegalBasis() =>
        Assert.Equal(
            [
                "Systems[0].Connector.Categories.deals.LegalBasis: is required",
                "Systems[0].Connector.Categories.deals.Erasure: must be 'retain' or 'archive'",
            ],
            InstalledKinds.Errors(WithHubSpot(new HubSpotConnectorOptions
            {
                Categories = new Dictionary<string, HubSpotCategoryOptions> { ["deals"] = new() { Purpose = "Invoicing", Erasure = "delete" } },
            })));

    [Fact]
    public void HubSpotNeedsACredentialReference() =>
        Assert.Equal(
            ["Systems[0].CredentialReference: is required for kind 'hubspot': the name of the app setting holding the HubSpot private-app access token"],
            InstalledKinds.Errors(TestOptions.Valid().WithSystem(0, s => s with { CredentialReference = null })));

    [Fact]
    public void ValidSettingsPass() =>
        Assert.Empty(InstalledKinds.Errors(WithHubSpot(new HubSpotConnectorOptions { RequestsPerTenSeconds = 190, DailyQuotaTimeZone = "Europe/Oslo" })));
}
