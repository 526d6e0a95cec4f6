using System.IO.Compression;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Demo;

/// <summary>Lists an export package: per system and category the records and files, from its manifest.json.</summary>
internal static class ExportListing
{
    public static void Print(byte[] zip, TextWriter output)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var manifestEntry = archive.GetEntry("manifest.json") ?? throw new InvalidOperationException("The export package has no manifest.json.");
        JObject manifest;
        using (var reader = new StreamReader(manifestEntry.Open()))
        {
            manifest = JObject.Parse(reader.ReadToEnd());
        }

        output.WriteLine($"   {archive.Entries.Count} files, {(long?)manifest["totalRecords"] ?? 0} records; manifest.json lists the SHA-256 of each, summary.html is for the subject:");
        foreach (var system in (manifest["systems"] as JArray ?? []).Children<JObject>())
        {
            output.WriteLine($"     {system["systemId"]} ({system["systemName"]}): {system["status"]}{((string?)system["error"] is { } e ? " — " + e : "")}");
            foreach (var category in (system["categories"] as JArray ?? []).Children<JObject>())
            {
                var files = category["files"] as JObject;
                var where = files is null ? "" : $"  {files["json"]}, .csv";
                output.WriteLine($"       {(string?)category["name"],-30} {(long?)category["recordCount"] ?? 0,6} records{where}");
            }
        }

        var others = archive.Entries.Where(e => !e.FullName.Contains('/', StringComparison.Ordinal)).Select(e => $"{e.FullName} ({e.Length / 1024.0:0.0} KiB)");
        output.WriteLine($"     {string.Join(", ", others)}");
    }
}
