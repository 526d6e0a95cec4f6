using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;
using PrivacySync.Sandbox.Cli;
using PrivacySync.Sandbox.Graph;
using PrivacySync.Sandbox.Hosting;
using PrivacySync.Sandbox.HrRest;
using PrivacySync.Sandbox.HubSpot;
using PrivacySync.Sandbox.Seeding;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Sandbox;

/// <summary>
/// <c>PrivacySync.Sandbox seed</c> against simulators on free ports and a SQLite file, as ./run.sh demo runs it:
/// the persona in all three systems, and a local configuration and worker settings that belong together.
/// </summary>
public sealed class SeedCommandTests(SeededSandbox sandbox) : IClassFixture<SeededSandbox>
{
    [Fact]
    public void SeedingSucceedsAndReportsEverySystem()
    {
        Assert.True(sandbox.ExitCode == 0, sandbox.Error);
        foreach (var system in new[] { "HubSpot", "Microsoft 365", "HR database", "HR REST", "Entra ID" })
        {
            Assert.Contains(system, sandbox.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PersonaIsAHubSpotContactWithDealsEngagementsAndSubscriptions()
    {
        using var http = new HttpClient { BaseAddress = sandbox.HubSpot.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sandbox-private-app-token");
        var search = new JObject
        {
            ["filterGroups"] = new JArray(new JObject
            {
                ["filters"] = new JArray(new JObject { ["propertyName"] = "email", ["operator"] = "EQ", ["value"] = DemoPersona.Email }),
            }),
        };
        var found = await PostAsync(http, "/crm/v3/objects/contacts/search", search);
        var id = (string)found["results"]!.Single()["id"]!;

        var deals = await GetAsync(http, $"/crm/v4/objects/contacts/{id}/associations/deals");
        var notes = await GetAsync(http, $"/crm/v4/objects/contacts/{id}/associations/notes");
        var preferences = await GetAsync(http, $"/communication-preferences/v3/status/email/{DemoPersona.Email}");

        Assert.Equal(3, ((JArray)deals["results"]!).Count);
        Assert.Equal(3, ((JArray)notes["results"]!).Count);
        Assert.Equal(2, ((JArray)preferences["subscriptionStatuses"]!).Count(s => (string?)s["status"] == "SUBSCRIBED"));
    }

    [Fact]
    public void PersonaIsAnExternalCorrespondentInMicrosoft365()
    {
        var tenant = sandbox.Graph.Services.GetRequiredService<GraphTenant>();

        Assert.False(tenant.UserExists(DemoPersona.FormerWorkEmail));
        Assert.True(tenant.MessageCount("magnus.strand@nordvik.example.com") >= 5);
        Assert.True(tenant.ContactCount("magnus.strand@nordvik.example.com") >= 1);
    }

    [Fact]
    public async Task PersonaIsAFormerEmployeeWithPayrollInTheHrDatabase()
    {
        await using var db = new SqliteConnection(sandbox.HrConnectionString);
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = db.CreateCommand();
        command.CommandText = """
            SELECT e.first_name || ' ' || e.last_name, e.employment_end, (SELECT COUNT(*) FROM payroll p WHERE p.employee_id = e.employee_id)
            FROM employees e WHERE e.employee_number = $number
            """;
        command.Parameters.AddWithValue("$number", DemoPersona.EmployeeNumber);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);

        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(DemoPersona.Name, reader.GetString(0));
        Assert.Equal("2023-05-31", reader.GetString(1));
        Assert.True(reader.GetInt64(2) > 60);
    }

    [Fact]
    public void LocalConfigurationIsValidPointsAtTheSandboxAndKeepsTheSamplesEntities()
    {
        var local = PrivacySyncOptionsLoader.Parse(File.ReadAllText(Path.Combine(sandbox.Folder, "privacysync.local.json")));
        var sample = PrivacySyncOptionsLoader.Parse(File.ReadAllText(RepositoryFiles.PathOf("functions/PrivacySync.Functions/config/privacysync.json")));

        Assert.True(local.IsValid, string.Join("\n", local.Errors));
        Assert.Equal(sample.Options!.LegalEntities.Select(e => e.Id), local.Options!.LegalEntities.Select(e => e.Id));
        var sandboxHosts = new[] { sandbox.HubSpot, sandbox.Graph, sandbox.Hr }.Select(h => h.BaseAddress.Authority).ToHashSet();
        foreach (var system in local.Options.Systems.Where(s => s.Kind != "hr-sql"))
        {
            Assert.Contains(new Uri(system.Endpoint!).Authority, sandboxHosts);
        }

        Assert.Equal(["hubspot-nordvik", "microsoft365-nordvik", "hr-db-no"],
            local.Options.ResolveSystems(DemoPersona.LegalEntity, RequestType.Erasure).Select(s => s.Id));
    }

    [Fact]
    public void WorkerSettingsHoldEveryCredentialTheLocalConfigurationReferences()
    {
        var local = PrivacySyncOptionsLoader.Parse(File.ReadAllText(Path.Combine(sandbox.Folder, "privacysync.local.json"))).Options!;
        var settings = File.ReadAllLines(Path.Combine(sandbox.Folder, "worker.env"))
            .Select(line => line.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim('\''));

        foreach (var system in local.Systems)
        {
            Assert.True(settings.TryGetValue(system.CredentialReference!, out var value) && value.Length > 0, $"{system.Id}: {system.CredentialReference} is not set");
        }
    }

    [Fact]
    public void SandboxEndpointsNameTheSimulatorsTheIssuerAndEachEntitysOfficers()
    {
        var endpoints = JObject.Parse(File.ReadAllText(Path.Combine(sandbox.Folder, "sandbox.json")));

        Assert.Equal(sandbox.Graph.BaseAddress.AbsoluteUri.TrimEnd('/') + "/v1.0", (string?)endpoints["graph"]);
        Assert.Equal(sandbox.HubSpot.BaseAddress.AbsoluteUri.TrimEnd('/'), (string?)endpoints["hubspot"]);
        Assert.StartsWith(sandbox.Entra.BaseAddress.AbsoluteUri.TrimEnd('/') + "/", (string?)endpoints["entra"]!["tokenEndpoint"], StringComparison.Ordinal);
        Assert.EndsWith("/oauth2/v2.0/token", (string?)endpoints["entra"]!["tokenEndpoint"], StringComparison.Ordinal);
        var norway = endpoints["entities"]!.Single(e => (string?)e["id"] == "nordvik-no");
        Assert.Equal(("NO", "nb"), ((string?)norway["jurisdiction"], (string?)norway["language"]));
        Assert.True(((JArray)norway["officers"]!).Count >= 2);
        Assert.All(endpoints["entities"]!.SelectMany(e => (JArray)e["officers"]!), o => Assert.False(string.IsNullOrEmpty((string?)o["password"])));
    }

    [Fact]
    public async Task AnOfficerOfTheEndpointsFileSignsInAtTheIssuerWithTheOfficerRoleAndTheirObjectId()
    {
        var endpoints = JObject.Parse(File.ReadAllText(Path.Combine(sandbox.Folder, "sandbox.json")));
        var entra = endpoints["entra"]!;
        var officer = endpoints["entities"]!.Single(e => (string?)e["id"] == "nordvik-no")["officers"]![0]!;
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = (string)entra["scriptClientId"]!, ["scope"] = (string)entra["scope"]!,
            ["username"] = (string)officer["username"]!, ["password"] = (string)officer["password"]!,
        });

        using var response = await http.PostAsync((string)entra["tokenEndpoint"]!, form, TestContext.Current.CancellationToken);
        var wrong = await http.PostAsync((string)entra["tokenEndpoint"]!, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = (string)entra["scriptClientId"]!, ["scope"] = (string)entra["scope"]!,
            ["username"] = (string)officer["username"]!, ["password"] = "guess",
        }), TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((string)JObject.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))["access_token"]!);
        Assert.Equal((string?)officer["objectId"], token.GetPayloadValue<string>("oid"));
        Assert.Contains(token.Claims, c => c.Type == "roles" && c.Value == "PrivacySync.Officer");
        Assert.Equal("RS256", token.Alg);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("AADSTS50126", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static async Task<JObject> PostAsync(HttpClient http, string path, JObject body)
    {
        using var response = await http.PostAsync(path, new StringContent(body.ToString(), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return JObject.Parse(text);
    }

    private static async Task<JObject> GetAsync(HttpClient http, string path)
    {
        var text = await http.GetStringAsync(path, TestContext.Current.CancellationToken);
        return JObject.Parse(text);
    }
}

/// <summary>The three simulators and a SQLite file, seeded once by the seed command (small sizes) for the tests above.</summary>
public sealed class SeededSandbox : IAsyncLifetime
{
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public SimulatorHost HubSpot { get; private set; } = null!;

    public SimulatorHost Graph { get; private set; } = null!;

    public SimulatorHost Hr { get; private set; } = null!;

    public SimulatorHost Entra { get; private set; } = null!;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "privacysync-seed-" + Guid.NewGuid().ToString("N")[..10]);

    public string HrConnectionString => $"Data Source={Path.Combine(Folder, "hr.db")};Pooling=False";

    public int ExitCode { get; private set; }

    public string Output => output.ToString();

    public string Error => error.ToString();

    public async ValueTask InitializeAsync()
    {
        HubSpot = await SimulatorHost.StartAsync(new HubSpotSimulator());
        Graph = await SimulatorHost.StartAsync(new GraphSimulator());
        Hr = await SimulatorHost.StartAsync(new HrRestSimulator());
        Entra = await SimulatorHost.StartAsync(new PrivacySync.Sandbox.Entra.EntraSimulator());
        Directory.CreateDirectory(Folder);
        ExitCode = await SandboxCli.RunAsync(
        [
            "seed", "--hubspot", HubSpot.BaseAddress.AbsoluteUri, "--graph", Graph.BaseAddress.AbsoluteUri, "--hr", Hr.BaseAddress.AbsoluteUri,
            "--entra", Entra.BaseAddress.AbsoluteUri, "--hr-db", HrConnectionString, "--contacts", "60", "--staff", "10",
            "--sample-config", RepositoryFiles.PathOf("functions/PrivacySync.Functions/config/privacysync.json"), "--out", Folder,
        ], output, error);
    }

    public async ValueTask DisposeAsync()
    {
        await HubSpot.DisposeAsync();
        await Graph.DisposeAsync();
        await Hr.DisposeAsync();
        await Entra.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
