using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Tests.Infrastructure;
using PrivacySync.Tests.Wiring;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Startup;

/// <summary>
/// What an instance needs depends on what it runs (its <c>AzureWebJobs.&lt;Name&gt;.Disabled</c> switches): an
/// on-premises task instance carries no signing key, salt or link secret; the collector and the API refuse to start
/// without theirs, naming the setting. Storage is needed by every instance.
/// </summary>
public sealed class AppStartupTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("privacysync-startup-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var config = new JObject
        {
            ["LegalEntities"] = new JArray(new JObject
            {
                ["Id"] = "startup-no", ["Name"] = "Startup AS", ["Jurisdiction"] = "NO", ["DefaultLanguage"] = "nb",
                ["SupervisoryAuthority"] = new JObject { ["Name"] = "Datatilsynet", ["Url"] = "https://www.datatilsynet.no" },
                ["PrivacyContact"] = "personvern@example.com", ["ErasureRequiresSecondApproval"] = false, ["Officers"] = new JArray("olga.officer"),
            }),
            ["Officers"] = new JArray(new JObject { ["Id"] = "olga.officer", ["ObjectId"] = "6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9" }),
            ["Systems"] = new JArray(),
            ["Retention"] = new JArray(),
            ["RequestDataRetentionDays"] = 30,
        };
        await File.WriteAllTextAsync(ConfigPath, config.ToString(), Ct);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private string ConfigPath => Path.Combine(folder, "privacysync.json");

    [Fact]
    public async Task OnPremisesInstanceStartsWithoutSigningKeySaltOrLinkSecret()
    {
        await using var app = new InProcessApp(OnPremises());

        await app.StartAsync(Ct);
    }

    [Fact]
    public async Task CollectingInstanceWithoutSubjectSaltFailsNamingTheSetting()
    {
        var settings = Cloud();
        settings.Remove("PrivacySync:SubjectSalt");
        await using var app = new InProcessApp(settings);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));

        Assert.Contains("PrivacySync:SubjectSalt", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("shorter-than-32-bytes")]
    public async Task InstanceWithoutAnAuditKeyOf32BytesFailsNamingTheSetting(string? key)
    {
        var settings = OnPremises();
        settings["PrivacySync:AuditKey"] = key;
        await using var app = new InProcessApp(settings);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));

        Assert.Contains("PrivacySync:AuditKey", error.Message);
    }

    [Fact]
    public async Task AFunctionTimeoutThatDoesNotLeaveRoomAfterTheTaskTimeoutStopsTheStart()
    {
        // As shipped before: functionTimeout equal to TaskTimeout, so the host killed a slow task before its retry was recorded.
        var settings = OnPremises();
        settings["AzureFunctionsJobHost:functionTimeout"] = "00:10:00";
        settings["PrivacySync:TaskTimeout"] = "00:10:00";
        await using var app = new InProcessApp(settings);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));

        Assert.Contains("functionTimeout", error.Message);
        Assert.Contains("PrivacySync:TaskTimeout", error.Message);
    }

    [Fact]
    public void TheShippedHostJsonLeavesRoomAfterTheDefaultTaskTimeout()
    {
        var shipped = FunctionTimeout.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsScriptRoot"] = RepositoryFiles.PathOf(".") })
            .Build());

        Assert.NotNull(shipped);
        FunctionTimeout.EnsureAbove(shipped, new OrchestrationOptions().TaskTimeout);
    }

    [Fact]
    public async Task ATestOnlyFaultPointIsRefusedOutsideTheLocalFunctionsHost()
    {
        var settings = OnPremises();
        settings[FaultPoints.CrashAtSetting] = FaultPoints.Windows.TaskEffectsDone;
        await using var app = new InProcessApp(settings);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));

        Assert.Contains(FaultPoints.CrashAtSetting, error.Message);
    }

    [Fact]
    public async Task ApiInstanceWithoutLinkSecretFailsNamingTheSetting()
    {
        var settings = OnPremises();
        settings["AzureWebJobs.GetRequest.Disabled"] = null; // one API function enabled is enough to need it
        await using var app = new InProcessApp(settings);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));

        Assert.Contains("PrivacySync:LinkSecret", error.Message);
    }

    [Fact]
    public async Task TheCloudInstanceStartsWithItsSettings()
    {
        await using var app = new InProcessApp(Cloud());

        await app.StartAsync(Ct);
    }

    [Theory]
    [InlineData("AzureAd:Instance", null, "AzureAd:Instance")]
    [InlineData("AzureAd:Instance", "http://login.example.com/", "AzureAd:Instance")]
    [InlineData("AzureAd:TenantId", null, "AzureAd:TenantId")]
    [InlineData("AzureAd:TenantId", "contoso/../x", "AzureAd:TenantId")]
    [InlineData("AzureAd:ClientId", null, "AzureAd:ClientId")]
    [InlineData("PrivacySync:SubjectSalt", "too-short", "PrivacySync:SubjectSalt must be at least 32 bytes")]
    [InlineData("PrivacySync:LinkSecret", "startup-tests-subject-salt-0123456789", "PrivacySync:SubjectSalt, PrivacySync:LinkSecret hold the same value")]
    [InlineData("PrivacySync:AuditKey", "startup-tests-link-secret-0123456789", "PrivacySync:LinkSecret, PrivacySync:AuditKey hold the same value")]
    [InlineData("PrivacySync:AuditKey", "short-audit-key", "PrivacySync:AuditKey must be at least 32 bytes")]
    [InlineData("PrivacySync:LinkLifetime", "1.00:00:01", "PrivacySync:LinkLifetime")]
    [InlineData("PrivacySync:LinkLifetime", "00:00:30", "PrivacySync:LinkLifetime")]
    public async Task ACloudInstanceWithAnUnfitSettingFailsNamingIt(string setting, string? value, string expected)
    {
        var settings = Cloud();
        settings[setting] = value;
        await using var app = new InProcessApp(settings);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(Ct));

        Assert.Contains(expected, PrivacySync.Functions.StartupFailure.Describe(error) ?? error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOfficerWithoutASignInIdentityStopsTheStartNamingIt()
    {
        var document = JObject.Parse(await File.ReadAllTextAsync(ConfigPath, Ct));
        ((JArray)document["LegalEntities"]![0]!["Officers"]!).Add("kim.officer");
        await File.WriteAllTextAsync(ConfigPath, document.ToString(), Ct);
        await using var app = new InProcessApp(Cloud());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));

        Assert.Contains("LegalEntities[0].Officers[1]: 'kim.officer' has no entry in Officers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedAppWithoutStorageStopsTheStartNamingTheSetting()
    {
        var settings = Cloud();
        settings.Remove("AzureWebJobsStorage");

        var (exitCode, output) = await AppHost.FailToStartAsync(settings, Ct);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("AzureWebJobsStorage", output);
    }

    [Fact]
    public async Task PublishedAppWithABrokenConfigurationDocumentStopsTheStartNamingIt()
    {
        await File.WriteAllTextAsync(ConfigPath, "{ \"LegalEntities\": [ ", Ct);

        var (exitCode, output) = await AppHost.FailToStartAsync(Cloud(), Ct);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("privacysync.json", output);
    }

    private Dictionary<string, string?> Cloud() => new()
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["AzureWebJobs.RunOnPremSystemTask.Disabled"] = "true",
        ["PrivacySync:ConfigPath"] = ConfigPath,
        ["PrivacySync:SigningKeyPem"] = CertificateKeys.ExportPrivateKeyPem(CertificateKeys.GenerateDevelopmentKey()),
        ["PrivacySync:SubjectSalt"] = "startup-tests-subject-salt-0123456789",
        ["PrivacySync:LinkSecret"] = "startup-tests-link-secret-0123456789",
        ["PrivacySync:AuditKey"] = TestAudit.Key,
        ["PrivacySync:PackageKey"] = TestPackageKey.Value,
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["AzureAd:TenantId"] = "5e7c2a91-4b3d-4f6e-8a1c-2d9b0e4f7a63",
        ["AzureAd:ClientId"] = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    };

    private Dictionary<string, string?> OnPremises()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["PrivacySync:ConfigPath"] = ConfigPath,
            ["PrivacySync:AuditKey"] = TestAudit.Key, // it appends its tasks' events
        };
        foreach (var function in RealSystems.OnPremDisabled)
        {
            settings[$"AzureWebJobs.{function}.Disabled"] = "true";
        }

        return settings;
    }
}
