using PrivacySync.Connectors.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Connectors.Fake;

/// <summary>Adding a system family is its folder and one registration line: it is then checked at load and runnable.</summary>
public sealed class FakeConnectorKindTests
{
    private static readonly IReadOnlyCollection<IConnectorKind> WithFake = InstalledKinds.Build(services => services.AddFakeConnector());

    private static PrivacySyncOptions FakeSystem(object? connector) =>
        TestOptions.Valid().WithSystem(0, s => s with
        {
            Kind = FakeConnectorKind.KindName,
            Connector = connector is null ? null : InstalledKinds.Section(connector),
        });

    [Fact]
    public async Task RegisteredKindIsValidAtLoadAndBuildsItsConnector()
    {
        var options = FakeSystem(new FakeConnectorOptions { Records = 3 });
        Assert.Empty(OptionsValidator.Validate(options, WithFake));

        var connector = await new ConnectorRegistry(WithFake).CreateAsync(options.Systems[0], TestContext.Current.CancellationToken);

        Assert.Equal(FakeConnectorKind.KindName, connector.Kind);
        Assert.Equal(3, await connector.ExportAsync(new SubjectIdentity("a@example.com"), TestContext.Current.CancellationToken).CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void RegisteredKindChecksItsSettingsByPath() =>
        Assert.Equal(
            [
                "Systems[0].Connector.Mapping: is not a setting of kind 'fake' (it belongs to 'hr-sql')",
                "Systems[0].Connector.Records: must be between 0 and 10",
            ],
            OptionsValidator.Validate(FakeSystem(new { Records = 11, Mapping = "x.json" }), WithFake));

    [Fact]
    public void UnregisteredKindIsUnknown() =>
        Assert.Equal(
            ["Systems[0].Kind: must be one of 'hubspot', 'microsoft365', 'hr-sql', 'hr-rest'"],
            InstalledKinds.Errors(FakeSystem(null)));
}
