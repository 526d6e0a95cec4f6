using System.Globalization;
using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Cli;

namespace PrivacySync.Sandbox.Seeding;

/// <summary>
/// Seeds the Swedish HR system (an <c>hr-rest</c> system, infra/hr-rest/openapi.yaml) through the simulator's
/// sandbox route: employees of Nordvik Consulting AB with employment, payroll and sick-leave records.
/// </summary>
internal sealed class HrRestSeeder(JsonApi api, SeedClock clock, Random random)
{
    public async Task<int> SeedAsync(int employees, CancellationToken ct)
    {
        for (var i = 1; i <= employees; i++)
        {
            var first = CompanyNames.FirstNames[random.Next(CompanyNames.FirstNames.Length)];
            var last = CompanyNames.LastNames[random.Next(CompanyNames.LastNames.Length)];
            var start = clock.Today.AddMonths(-random.Next(6, 96));
            var payslips = new JArray();
            for (var month = 1; month <= 6; month++)
            {
                var gross = random.Next(38_000, 72_000);
                payslips.Add(new JObject
                {
                    ["payDate"] = clock.Today.AddMonths(-month).ToString("yyyy-MM-25", CultureInfo.InvariantCulture),
                    ["gross"] = gross,
                    ["taxWithheld"] = gross * 31 / 100,
                });
            }

            await api.PostAsync("sandbox/v1/subjects", new JObject
            {
                ["email"] = $"{CompanyNames.Ascii(first)}.{CompanyNames.Ascii(last)}.{i}@nordvik-se.example.com",
                ["employeeId"] = "SE" + i.ToString("D5", CultureInfo.InvariantCulture),
                ["categories"] = new JArray(
                    Category("employment-records", "Anställningsavtal, befattning och personaladministration", "Art. 6(1)(b)", "retain",
                        new JArray(new JObject { ["name"] = $"{first} {last}", ["title"] = "Konsult", ["employedFrom"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })),
                    Category("payroll", "Löneutbetalning och rapportering till Skatteverket", "Art. 6(1)(c)", "retain", payslips),
                    Category("sick-leave", "Sjukfrånvaro för rehabilitering och sjuklön", "Art. 6(1)(c) and Art. 9(2)(b)", "erase",
                        random.Next(3) == 0 ? new JArray(new JObject { ["from"] = clock.Today.AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["days"] = 3 }) : [])),
            }, ct, HttpStatusCode.Created);
        }

        return employees;
    }

    private JObject Category(string name, string purpose, string legalBasis, string erasure, JArray records) => new()
    {
        ["name"] = name,
        ["purpose"] = purpose,
        ["legalBasis"] = legalBasis,
        ["retention"] = erasure == "retain" ? "Bokföringslagen: sju år efter räkenskapsårets slut" : "Raderas när ärendet är avslutat",
        ["erasure"] = erasure,
        ["retainLegalBasis"] = erasure == "retain" ? "Art. 17(3)(b): Bokföringslagen (1999:1078)" : null,
        ["retainedUntil"] = erasure == "retain" ? new DateOnly(clock.Today.Year + 7, 12, 31).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        ["records"] = records,
    };
}
