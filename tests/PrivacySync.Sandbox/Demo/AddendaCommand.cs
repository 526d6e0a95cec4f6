using System.CommandLine;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Reconciliation.Retention;
using PrivacySync.Sandbox.Cli;

namespace PrivacySync.Sandbox.Demo;

/// <summary>
/// <c>addenda --endpoints F --request ID --report-date D [--out out]</c>, the demo's last step as an officer (the demo
/// entity's first, signed in at the sandbox issuer): downloads the request's certificate addenda (through links issued to
/// that officer) and the night's reconciliation report (GET
/// /api/reports/{date}?format=html) into --out and prints what each addendum states. Exit 0, or 1 when there is none.
/// </summary>
internal static class AddendaCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var endpoints = new Option<FileInfo>("--endpoints") { Description = "The environment's endpoints.json.", Required = true };
        var request = new Option<string>("--request") { Description = "The erasure request whose addenda to fetch.", Required = true };
        var reportDate = new Option<string>("--report-date") { Description = "The reconciled night (yyyy-MM-dd) whose report to fetch.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Where the files are copied.", DefaultValueFactory = _ => new DirectoryInfo("out") };
        var command = new Command("addenda", "Download and print a request's certificate addenda and a night's reconciliation report.") { endpoints, request, reportDate, outDir };
        command.SetAction(async (parsed, ct) =>
        {
            var local = LocalEndpoints.Read(parsed.GetValue(endpoints)!.FullName);
            var folder = parsed.GetValue(outDir)!;
            folder.Create();
            var id = parsed.GetValue(request)!;
            try
            {
                using var desk = new OfficerDesk(await SandboxSignIn.PasswordAsync(local, local.Officers[0], ct), local.Api, output, redraw: false);
                var view = await desk.GetAsync(id, ct);
                var files = (view["outputs"] as JArray ?? []).Select(o => (string?)o["file"]).Where(AddendumIssuer.IsAddendumFile).Select(f => f!).ToList();
                if (files.Count == 0)
                {
                    await error.WriteLineAsync($"{id} has no certificate addendum.");
                    return 1;
                }

                var paths = new List<string>();
                foreach (var name in files)
                {
                    var (bytes, _) = await desk.DownloadAsync(id, name, ct);
                    var path = Path.Combine(folder.FullName, $"{id}-{name}");
                    await File.WriteAllBytesAsync(path, bytes, ct);
                    paths.Add(Path.GetRelativePath(Environment.CurrentDirectory, path));
                    var body = JObject.Parse(System.Text.Encoding.UTF8.GetString(bytes))["certificate"] as JObject ?? [];
                    output.WriteLine($"   Addendum {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
                    output.WriteLine($"   {body["addendumId"]} to {body["certificateId"]} (sha256 {((string?)body["certificateSha256"])?[..12]}…): {body["reason"]} on {body["executedOn"]}");
                    foreach (var system in (body["systems"] as JArray ?? []).Children<JObject>())
                    {
                        output.WriteLine($"     {system["systemId"]} ({system["systemName"]}): {system["status"]}");
                        foreach (var category in (system["categories"] as JArray ?? []).Children<JObject>())
                        {
                            output.WriteLine($"       {(string?)category["category"],-30} {(string?)category["outcome"],-22} {(long?)category["recordCount"] ?? 0,5}");
                        }
                    }
                }

                var date = parsed.GetValue(reportDate)!;
                var report = await desk.DownloadAsync($"reports/{Uri.EscapeDataString(date)}?format=html", ct);
                var reportPath = Path.Combine(folder.FullName, $"reconciliation-{date}.html");
                await File.WriteAllBytesAsync(reportPath, report, ct);
                output.WriteLine($"   Reconciliation report (GET /api/reports/{date}?format=html): {Path.GetRelativePath(Environment.CurrentDirectory, reportPath)}");
                await File.WriteAllLinesAsync(Path.Combine(folder.FullName, ".addenda"), paths, ct);
                return 0;
            }
            catch (Exception e) when (e is JsonApiException or IOException or Newtonsoft.Json.JsonException)
            {
                await error.WriteLineAsync($"addenda failed: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
