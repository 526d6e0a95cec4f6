using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Cli;

namespace PrivacySync.Sandbox.Seeding;

/// <summary>
/// <c>seed</c>: fills the running simulators (and the HR database) with the fictional company through their own
/// APIs, then writes the local environment for a worker into <c>--out</c>: the configuration pointing at the
/// sandbox, the HR mapping, the worker's credential settings (worker.env) and the sandbox part of endpoints.json.
/// </summary>
internal static class SeedCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var hubspot = UrlOption.Create("--hubspot", "HubSpot simulator base URL.");
        var hubspotToken = new Option<string>("--hubspot-token") { Description = "Private-app token the simulator accepts.", DefaultValueFactory = _ => "sandbox-private-app-token" };
        var graph = UrlOption.Create("--graph", "Graph simulator base URL (with or without /v1.0).");
        var hr = UrlOption.Create("--hr", "HR REST simulator base URL.");
        var entra = UrlOption.Create("--entra", "Entra-like issuer base URL (the sign-in authority's instance).");
        var hrProvider = new Option<string>("--hr-db-provider") { Description = "sqlite or postgresql.", DefaultValueFactory = _ => "sqlite" };
        hrProvider.AcceptOnlyFromAmong("sqlite", "postgresql");
        var hrDatabase = new Option<string>("--hr-db") { Description = "Connection string of an empty HR database.", Required = true };
        var sampleConfig = new Option<FileInfo>("--sample-config") { Description = "The shipped configuration the local one is derived from.", Required = true };
        var contacts = new Option<int>("--contacts") { Description = "HubSpot contacts to create.", DefaultValueFactory = _ => 300 };
        var staff = new Option<int>("--staff") { Description = "Microsoft 365 users and HR employees to create.", DefaultValueFactory = _ => 40 };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for the local configuration, worker.env and sandbox.json.", Required = true };
        var command = new Command("seed", "Seed the simulators and the HR database with a fictional company; write the local configuration.")
        {
            hubspot, hubspotToken, graph, hr, entra, hrProvider, hrDatabase, sampleConfig, contacts, staff, outDir,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var sandbox = new SandboxAddresses(parsed.GetValue(hubspot)!, parsed.GetValue(hubspotToken)!, parsed.GetValue(graph)!, parsed.GetValue(hr)!, parsed.GetValue(entra)!);
            var folder = parsed.GetValue(outDir)!;
            var sample = parsed.GetValue(sampleConfig)!;
            if (!sample.Exists)
            {
                await error.WriteLineAsync($"--sample-config: '{sample.FullName}' does not exist.");
                return 2;
            }

            folder.Create();
            try
            {
                await RunAsync(sandbox, parsed.GetValue(hrProvider)!, parsed.GetValue(hrDatabase)!, sample, parsed.GetValue(contacts), parsed.GetValue(staff), folder, output, ct);
                return 0;
            }
            catch (Exception e) when (e is JsonApiException or InvalidOperationException or System.Data.Common.DbException)
            {
                await error.WriteLineAsync($"seed failed: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task RunAsync(
        SandboxAddresses sandbox, string hrProvider, string hrDatabase, FileInfo sample, int contacts, int staff, DirectoryInfo folder, TextWriter output, CancellationToken ct)
    {
        var clock = new SeedClock(DateTimeOffset.UtcNow, new Random(7));
        var environment = new LocalEnvironment(sandbox, hrProvider, hrDatabase, folder);
        var config = environment.WriteConfiguration(JObject.Parse(await File.ReadAllTextAsync(sample.FullName, ct)));
        if (environment.LeftOut.Count > 0)
        {
            await output.WriteLineAsync($"  not in the local configuration (no sandbox stands in for them): {string.Join(", ", environment.LeftOut)}");
        }

        var stopwatch = Stopwatch.StartNew();

        using var hubspotApi = JsonApi.Bearer("HubSpot", sandbox.HubSpot, sandbox.HubSpotToken);
        var hubspotSeeder = new HubSpotSeeder(hubspotApi, clock, new Random(11));
        var hubspotResult = await hubspotSeeder.SeedAsync(contacts, ct);
        await output.WriteLineAsync($"  HubSpot          {hubspotResult}");

        using var tokens = new JsonApi("Graph simulator", sandbox.GraphRoot);
        var seedToken = await GraphTokenAsync(tokens, GraphSeeder.SeedRoles, 1, ct);
        using var graphApi = JsonApi.Bearer("Graph", sandbox.Graph, seedToken);
        var graphResult = await new GraphSeeder(graphApi, clock, new Random(13)).SeedAsync(staff, hubspotSeeder.People, environment.Officers(config), ct);
        await output.WriteLineAsync($"  Microsoft 365    {graphResult}");

        var hrResult = await HrDatabaseSeeder.SeedAsync(hrProvider, hrDatabase, Encoding.UTF8.GetBytes(LocalEnvironment.NationalIdHashKey), clock.Today, staff * 2, ct);
        await output.WriteLineAsync($"  HR database      {hrResult} ({hrProvider})");

        using var hrApi = new JsonApi("HR REST", sandbox.Hr);
        var hrRest = await new HrRestSeeder(hrApi, clock, new Random(17)).SeedAsync(15, ct);
        await output.WriteLineAsync($"  HR REST (SE)     {hrRest} employees");

        using var entraApi = new JsonApi("Entra sandbox", sandbox.Entra);
        environment.Tenant = await EntraSeeder.SeedAsync(entraApi, new Entra.EntraSimulatorOptions().TenantId, config, ct);
        await output.WriteLineAsync($"  Entra ID         API app api://privacysync, Teams flow identity, {environment.Tenant.Officers.Count} officer accounts");

        // The worker's own token: the connector's least-privilege roles, valid for a long local session.
        environment.GraphToken = await GraphTokenAsync(tokens, GraphSeeder.ConnectorRoles, 24 * 7, ct);
        environment.WriteWorkerSettings();
        environment.WriteSandboxEndpoints(config);
        await output.WriteLineAsync($"  seeded in {stopwatch.Elapsed.TotalSeconds:0.0} s; the person in all three systems: {DemoPersona.Name} <{DemoPersona.Email}>, employee {DemoPersona.EmployeeNumber}");
    }

    private static async Task<string> GraphTokenAsync(JsonApi tokens, string[] roles, double hours, CancellationToken ct)
    {
        var answer = await tokens.PostAsync("sandbox/tokens", new JObject { ["roles"] = new JArray(roles), ["lifetimeHours"] = hours }, ct);
        return (string?)answer["access_token"] ?? throw new InvalidOperationException("The Graph simulator issued no token.");
    }
}
