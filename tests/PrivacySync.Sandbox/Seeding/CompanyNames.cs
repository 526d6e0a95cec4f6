using System.Globalization;
using System.Text;

namespace PrivacySync.Sandbox.Seeding;

/// <summary>Fictional Nordic names for the demo company's customers, contacts and staff (all addresses under example.com).</summary>
internal static class CompanyNames
{
    public const string OwnDomain = "nordvik.example.com";

    public static readonly string[] FirstNames =
    [
        "Anna", "Lars", "Ingrid", "Ola", "Kari", "Erik", "Nora", "Magnus", "Sofie", "Henrik", "Astrid", "Jonas", "Maja",
        "Anders", "Elsa", "Johan", "Linnea", "Oskar", "Hedda", "Sindre", "Emma", "Per", "Karin", "Mats", "Tuva", "Vegard",
        "Frida", "Håkon", "Ebba", "Torbjørn", "Ida", "Gustav", "Marte", "Nils", "Sara", "Eirik", "Alva", "Trond", "Hanna", "Björn",
    ];

    public static readonly string[] LastNames =
    [
        "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Berg", "Haugen", "Lindqvist", "Nilsson", "Eriksson", "Solberg",
        "Dahl", "Lund", "Strand", "Holm", "Sandberg", "Lindgren", "Moen", "Nygaard", "Karlsson", "Pedersen", "Kristiansen",
        "Jensen", "Svensson", "Halvorsen", "Lie", "Aas", "Sjöberg", "Bråten", "Vik", "Ekström", "Løken", "Myhre", "Hagen",
    ];

    private static readonly string[] Stems =
    [
        "Nord", "Vest", "Havbris", "Lysaker", "Bjørke", "Eik", "Furu", "Granitt", "Kyst", "Morild", "Norrsken", "Skog",
        "Stein", "Strand", "Fjord", "Ås", "Älv", "Berg", "Sol", "Tind", "Lyng", "Bølge", "Rimfrost", "Isbre",
    ];

    private static readonly string[] Trades = ["kraft", "data", "logistikk", "bygg", "energi", "helse", "finans", "media", "transport", "handel"];

    public static readonly string[] Industries = ["COMPUTER_SOFTWARE", "UTILITIES", "LOGISTICS_AND_SUPPLY_CHAIN", "CONSTRUCTION", "HOSPITAL_HEALTH_CARE", "FINANCIAL_SERVICES", "RETAIL"];

    public static readonly string[] Cities = ["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø", "Stockholm", "Göteborg", "Malmö", "Drammen", "Kristiansand"];

    public static readonly string[] JobTitles = ["CIO", "IT manager", "Procurement manager", "CFO", "Head of data", "Project owner", "CTO", "Operations manager", "HR director"];

    public static readonly string[] Services =
    [
        "Azure landing zone", "Security review", "Data platform", "Integration platform", "Cloud migration", "M365 rollout",
        "DevOps coaching", "Architecture advisory", "Power BI dashboards", "Identity and access management",
    ];

    /// <summary>Distinct company names (the persona's employer Fjellkraft AS first), each with an example.com domain.</summary>
    public static IReadOnlyList<(string Name, string Domain, string Country)> Companies(int count)
    {
        var result = new List<(string, string, string)> { (DemoPersona.Company, DemoPersona.CompanyDomain, "Norway") };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Fjellkraft" };
        for (var i = 0; result.Count < count; i++)
        {
            var stem = Stems[i % Stems.Length];
            var trade = Trades[(i / Stems.Length + i * 3) % Trades.Length];
            var name = stem + trade;
            if (!seen.Add(name))
            {
                continue;
            }

            var swedish = stem is "Norrsken" or "Älv" or "Sol" || i % 5 == 0;
            result.Add((name + (swedish ? " AB" : " AS"), Ascii(name) + ".example.com", swedish ? "Sweden" : "Norway"));
        }

        return result;
    }

    /// <summary>Lower-case ASCII for addresses: æ→ae, ø→o, å→a, ä→a, ö→o.</summary>
    public static string Ascii(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            builder.Append(c switch
            {
                'æ' => "ae",
                'ø' or 'ö' => "o",
                'å' or 'ä' => "a",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(CultureInfo.InvariantCulture),
                _ => "",
            });
        }

        return builder.ToString();
    }
}
