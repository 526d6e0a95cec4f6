using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Demo;

/// <summary>Prints a deletion certificate's (or a confirmation's) per-system, per-category (or per-field) outcomes.</summary>
internal static class CertificateReport
{
    public static void Print(JObject envelope, TextWriter output)
    {
        var certificate = envelope["certificate"] as JObject ?? throw new InvalidOperationException("The certificate has no 'certificate' body.");
        var signature = envelope["signature"] as JObject;
        output.WriteLine($"   {certificate["certificateId"] ?? certificate["confirmationId"]}: {certificate["completion"]}, subject {certificate["subjectReference"]} (pseudonymous), "
            + $"signed {signature?["algorithm"]} key {signature?["keyId"]}");
        foreach (var system in (certificate["systems"] as JArray ?? []).Children<JObject>())
        {
            output.WriteLine($"     {system["systemId"]} ({system["systemName"]}): {system["status"]}{((string?)system["error"] is { } e ? " — " + e : "")}");
            foreach (var category in (system["categories"] as JArray ?? []).Children<JObject>())
            {
                var line = $"       {(string?)category["field"] ?? (string?)category["category"],-30} {(string?)category["outcome"],-22} {(long?)category["recordCount"] ?? 0,5}";
                if ((string?)category["outcome"] == "retained")
                {
                    line += $"  until {(string?)category["retainedUntil"] ?? "(end not yet known)"}: {category["legalBasis"]}";
                }
                else if (((string?)category["instructions"] ?? (string?)category["reason"]) is { } why)
                {
                    line += $"  {why}";
                }

                output.WriteLine(line);
            }
        }
    }
}
