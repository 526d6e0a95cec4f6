using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.CustomHandler;
using PrivacySync.Functions.Functions;
using PrivacySync.Core.Certificates;
using PrivacySync.Functions.Functions.Health;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Tests.Flow;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Hosting;

/// <summary>
/// The app's real host.json and function.json files as the build lays them out (copied beside these tests):
/// the flattened layout the Functions host expects, and every function.json matched by a registered handler.
/// </summary>
public sealed class AppScriptRootTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string BuildOutput = AppContext.BaseDirectory;

    [Fact]
    public void BuildOutputHasHostJsonAndOneFolderPerFunction()
    {
        Assert.True(File.Exists(Path.Combine(BuildOutput, "host.json")));
        Assert.True(File.Exists(Path.Combine(BuildOutput, "Health", "function.json")));
        Assert.False(Directory.Exists(Path.Combine(BuildOutput, "Functions")), "function.json files must not keep their Functions/ source folder");
    }

    [Fact]
    public async Task AppFunctionsPassStartupValidationAndServeHealth()
    {
        var app = CustomHandlerApp.Build(new CustomHandlerOptions
        {
            ScriptRoot = BuildOutput,
            Port = 0,
            UseDefaultConfigurationSources = false,
            Settings = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["PrivacySync:ConfigPath"] = Path.Combine(BuildOutput, "Flow", "flow-config.json"),
                ["PrivacySync:SigningKeyPem"] = CertificateKeys.ExportPrivateKeyPem(CertificateKeys.GenerateDevelopmentKey()),
                ["PrivacySync:SubjectSalt"] = "app-script-root-salt",
                ["PrivacySync:LinkSecret"] = "app-script-root-link-secret",
            },
            ConfigureServices = (services, configuration) => services
                .AddPrivacySyncFunctions(configuration)
                .AddConnectorKind("test", (_, system) => new ScriptedConnector(system.Id!, new ConnectorScript())),
        });
        await using (app)
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

            var response = await client.GetAsync("/api/health", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JObject.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("ok", (string?)body["status"]);
            Assert.Equal(HealthFunction.Version, (string?)body["version"]);
            await app.StopAsync(TestContext.Current.CancellationToken);
        }
    }
}
