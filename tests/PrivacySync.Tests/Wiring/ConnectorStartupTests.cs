using PrivacySync.Connectors.Common;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Connectors.Hr;
using PrivacySync.Connectors.Hr.Rest;
using PrivacySync.Connectors.HubSpot;
using PrivacySync.Connectors.Microsoft365;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Wiring;

/// <summary>
/// The real app (AddPrivacySync, so the real connector kinds) started in-process with the shipped sample
/// configuration: every system's connector is set up at start, and a missing setting or a mapping that does not
/// match its database stops the start with a message naming it.
/// </summary>
public sealed class ConnectorStartupTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SampleConfigurationWithEveryRealKindPassesStartUp()
    {
        await using var sample = await SampleApp.CreateAsync();
        await using var worker = new InProcessApp(sample.Settings(azurite));

        await worker.StartAsync(Ct);

        var registry = worker.Services.GetRequiredService<ConnectorRegistry>();
        var expected = new Dictionary<string, Type>
        {
            [HubSpotConnectorKind.KindName] = typeof(HubSpotConnector),
            [Microsoft365ConnectorKind.KindName] = typeof(Microsoft365Connector),
            [HrSqlConnectorKind.KindName] = typeof(HrSqlConnector),
            [HrRestConnectorKind.KindName] = typeof(HrRestConnector),
        };
        Assert.Equal(expected.Keys.Order(), sample.Options.Systems.Select(s => s.Kind!).Distinct().Order());
        foreach (var system in sample.Options.Systems)
        {
            Assert.IsType(expected[system.Kind!], await registry.CreateAsync(system, Ct));
        }

        // The HR database was opened and its mapping validated once, at start; tasks share that connector.
        var hr = sample.Options.FindSystem("hr-db-no")!;
        Assert.Same(await registry.CreateAsync(hr, Ct), await registry.CreateAsync(hr, Ct));
    }

    [Theory]
    [InlineData("hubspot-nordvik", "PRIVACYSYNC_HUBSPOT_NORDVIK_TOKEN")]
    [InlineData("microsoft365-nordvik", "PRIVACYSYNC_GRAPH_CLIENT_SECRET")]
    [InlineData("hr-db-no", "PRIVACYSYNC_HR_DB_NO_CONNECTION")]
    [InlineData("hr-db-no", "PRIVACYSYNC_HR_DB_NO_NATIONAL_ID_KEY")]
    [InlineData("hr-api-se", "PRIVACYSYNC_HR_API_SE_SIGNING_KEY")]
    public async Task MissingSettingFailsStartNamingTheSettingAndTheSystem(string systemId, string setting)
    {
        await using var sample = await SampleApp.CreateAsync();
        var settings = sample.Settings(azurite);
        Assert.True(settings.Remove(setting), $"the sample configuration no longer names {setting}");
        await using var worker = new InProcessApp(settings);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => worker.StartAsync(Ct));

        Assert.Contains($"'{setting}'", error.Message);
        Assert.Contains($"Systems '{systemId}'", error.Message);
        Assert.DoesNotContain("fake-value-of-", error.Message);
    }

    [Fact]
    public async Task MappingThatDoesNotMatchTheDatabaseFailsStartNamingTheMappingAndColumn()
    {
        await using var sample = await SampleApp.CreateAsync();
        await sample.Database.ExecuteAsync("ALTER TABLE employees RENAME COLUMN private_phone TO mobile_phone");
        await using var worker = new InProcessApp(sample.Settings(azurite));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => worker.StartAsync(Ct));

        Assert.Contains("Systems 'hr-db-no'", error.Message);
        Assert.Contains("hr-sample.mapping.json", error.Message);
        Assert.Contains("private_phone", error.Message);
    }

    [Fact]
    public async Task CloudAppWithTheOnPremisesFunctionDisabledNeedsNoOnPremisesSettings()
    {
        await using var sample = await SampleApp.CreateAsync();
        var settings = sample.Settings(azurite);
        settings.Remove("PRIVACYSYNC_HR_DB_NO_CONNECTION");
        settings.Remove("PRIVACYSYNC_FJORDMOBIL_SIGNING_KEY");
        settings["AzureWebJobs.RunOnPremSystemTask.Disabled"] = "true";
        await using var worker = new InProcessApp(settings);

        await worker.StartAsync(Ct);

        // Were a task of the on-premises system to reach this instance after all, it fails with the same message.
        var registry = worker.Services.GetRequiredService<ConnectorRegistry>();
        var onPremError = await Assert.ThrowsAsync<PermanentConnectorException>(
            async () => await registry.CreateAsync(sample.Options.FindSystem("hr-db-no")!, Ct));
        Assert.Contains("'PRIVACYSYNC_HR_DB_NO_CONNECTION'", onPremError.Message);

        settings["AzureWebJobs.RunOnPremSystemTask.Disabled"] = "false";
        await using var enabled = new InProcessApp(settings);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => enabled.StartAsync(Ct));
        Assert.Contains("'PRIVACYSYNC_HR_DB_NO_CONNECTION'", error.Message);
    }
}
