using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.CustomHandler;
using PrivacySync.Functions.Functions;
using PrivacySync.Functions.Functions.Health;

namespace PrivacySync.Tests.Hosting;

/// <summary>
/// The app's real host.json and function.json files as the build lays them out (copied beside these tests):
/// the flattened layout the Functions host expects, and every function.json matched by a registered handler.
/// </summary>
public sealed class AppScriptRootTests
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
            Settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" },
            ConfigureServices = (services, configuration) => services.AddPrivacySyncFunctions(configuration),
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
