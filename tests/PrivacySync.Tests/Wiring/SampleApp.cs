using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;
using PrivacySync.Connectors.Hr;
using PrivacySync.Core.Configuration;
using PrivacySync.Tests.Connectors;
using PrivacySync.Tests.Connectors.Hr;
using PrivacySync.Tests.Infrastructure;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Wiring;

/// <summary>
/// The shipped sample configuration as the build lays it out (config/privacysync.json and its linked HR mapping),
/// copied to a temp folder with one change: its HR databases are SQLite (a temp database with the sample schema)
/// instead of PostgreSQL. Every setting the configuration names gets a fake value, so start-up can be tested with
/// one setting left out.
/// </summary>
internal sealed class SampleApp : IAsyncDisposable
{
    private static readonly string BuildConfig = Path.Combine(AppContext.BaseDirectory, "config");

    private readonly string folder;

    private SampleApp(string folder, string configPath, PrivacySyncOptions options, HrTestDatabase database)
    {
        this.folder = folder;
        ConfigPath = configPath;
        Options = options;
        Database = database;
    }

    public string ConfigPath { get; }

    public PrivacySyncOptions Options { get; }

    public HrTestDatabase Database { get; }

    public static async Task<SampleApp> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("privacysync-wiring-").FullName;
        var database = await HrTestDatabase.CreateAsync("sqlite");
        var document = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(BuildConfig, "privacysync.json"), TestContext.Current.CancellationToken));
        foreach (var system in document["Systems"]!.Children<JObject>().Where(s => (string?)s["Kind"] == HrSqlConnectorKind.KindName))
        {
            system["Connector"]!["Provider"] = "sqlite";
            var mapping = (string)system["Connector"]!["Mapping"]!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, mapping))!);
            File.Copy(Path.Combine(BuildConfig, mapping), Path.Combine(folder, mapping), overwrite: true);
        }

        var configPath = Path.Combine(folder, "privacysync.json");
        await File.WriteAllTextAsync(configPath, document.ToString(), TestContext.Current.CancellationToken);
        var loaded = PrivacySyncOptionsLoader.Parse(document.ToString(), InstalledKinds.All);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        return new SampleApp(folder, configPath, loaded.Options, database);
    }

    /// <summary>The app settings: storage, keys, and a fake value for every setting the configuration names.</summary>
    public Dictionary<string, string?> Settings(AzuriteFixture azurite)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["PrivacySync:ConfigPath"] = ConfigPath,
            ["PrivacySync:SigningKeyPem"] = CertificateKeys.ExportPrivateKeyPem(CertificateKeys.GenerateDevelopmentKey()),
            ["PrivacySync:SubjectSalt"] = "wiring-tests-subject-salt-0123456789",
            ["PrivacySync:LinkSecret"] = "wiring-tests-link-secret-0123456789",
            ["PrivacySync:AuditKey"] = TestAudit.Key,
            ["PrivacySync:PackageKey"] = TestPackageKey.Value,
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = "5e7c2a91-4b3d-4f6e-8a1c-2d9b0e4f7a63",
            ["AzureAd:ClientId"] = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
            ["AzureAd:Audience"] = "api://privacysync",
        };
        foreach (var system in Options.Systems)
        {
            var connector = system.Connector;
            foreach (var name in new[] { system.CredentialReference, (string?)connector?["NationalIdHashKeySetting"], (string?)connector?["PseudonymisationKeySetting"] }.OfType<string>())
            {
                settings[name] = $"fake-value-of-{name}";
            }

            if (system.Kind == HrSqlConnectorKind.KindName)
            {
                settings[system.CredentialReference!] = Database.ConnectionString;
            }
        }

        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
