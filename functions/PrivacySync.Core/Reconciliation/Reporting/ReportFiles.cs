using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Reconciliation.Reporting;

/// <summary>
/// The report's three files: HTML for a person (sections by urgency, counts, an SVG chart of open requests by days
/// left; every value HTML-escaped), CSV with one row per finding (cells a spreadsheet would run as formulas — starting
/// with = + - @ — neutralised by CsvHelper's escaping) and JSON for machines.
/// </summary>
public static class ReportFiles
{
    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    private static readonly string[] CsvHeader = ["urgency", "kind", "requestId", "legalEntity", "system", "problem", "action", "repaired"];

    public static JObject Json(ReconciliationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JObject
        {
            ["date"] = Date(report.Date),
            ["generatedAt"] = report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["requestsScanned"] = report.RequestsScanned,
            ["counts"] = new JObject
            {
                ["byUrgency"] = new JObject(report.CountsByUrgency.Select(c => new JProperty(c.Key.ToWire(), c.Value))),
                ["byKind"] = new JObject(report.CountsByKind.Select(c => new JProperty(c.Key, c.Value))),
            },
            ["openByDaysLeft"] = new JArray(report.OpenByDaysLeft.Select(b => new JObject { ["daysLeft"] = b.Label, ["count"] = b.Count })),
            ["health"] = new JArray(report.Health.Select(h => new JObject
            {
                ["system"] = h.SystemId,
                ["tasks"] = h.Tasks,
                ["attempts"] = h.Attempts,
                ["errorRate"] = Math.Round(h.ErrorRate, 4),
                ["throttlingRate"] = Math.Round(h.ThrottlingRate, 4),
                ["medianTaskSeconds"] = h.MedianTaskSeconds is { } s ? Math.Round(s, 3) : null,
            })),
            ["findings"] = JArray.FromObject(report.Findings, CoreJson.Serializer),
        };
    }

    /// <summary>The report back from its JSON file (what <see cref="Json"/> wrote).</summary>
    /// <exception cref="JsonException">The text is not a report's JSON.</exception>
    public static ReconciliationReport ReadJson(string json)
    {
        // Dates stay text: the file spells them, and reading them as local DateTime would shift them.
        using var text = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        var root = JObject.Load(text);
        var date = DateOnly.ParseExact(Required(root, "date"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var generatedAt = DateTimeOffset.Parse(Required(root, "generatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var findings = (root["findings"] as JArray ?? []).Select(f => f.ToObject<Finding>(CoreJson.Serializer)!).ToList();
        var health = (root["health"] as JArray ?? []).Select(h => new SystemHealth(
            (string)h["system"]!, (int)h["tasks"]!, (int)h["attempts"]!, (double)h["errorRate"]!, (double)h["throttlingRate"]!, (double?)h["medianTaskSeconds"])).ToList();
        var buckets = (root["openByDaysLeft"] as JArray ?? []).Select(b => new DaysLeftBucket((string)b["daysLeft"]!, (int)b["count"]!)).ToList();
        return new ReconciliationReport(date, generatedAt, (int?)root["requestsScanned"] ?? 0, findings, health, buckets);
    }

    private static string Required(JObject root, string name) =>
        (string?)root[name] ?? throw new JsonSerializationException($"The report has no '{name}'.");

    public static async Task WriteCsvAsync(ReconciliationReport report, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var csv = CsvWriter.Create(destination, CsvOptions, leaveOpen: true);
        csv.WriteHeader(CsvHeader);
        foreach (var f in report.Findings)
        {
            foreach (var cell in new[] { f.Urgency.ToWire(), f.Kind.ToWire(), f.RequestId, f.LegalEntityId, f.SystemId, f.Problem, f.Action, f.Repaired })
            {
                csv.WriteField(cell);
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    public static string Html(ReconciliationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var date = Date(report.Date);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>Reconciliation ").Append(E(date)).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}")
            .Append("th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}")
            .Append(".critical h2{color:#a00}.high h2{color:#b60}.normal h2{color:#333}</style>\n</head>\n<body>\n")
            .Append("<h1>Nightly reconciliation ").Append(E(date)).Append("</h1>\n<p>")
            .Append(E($"{report.RequestsScanned} open request(s) scanned; {report.Findings.Count} finding(s); generated {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC."))
            .Append("</p>\n<ul class=\"counts\">\n");
        foreach (var (urgency, count) in report.CountsByUrgency)
        {
            html.Append("<li>").Append(E($"{urgency.ToWire()}: {count}")).Append("</li>\n");
        }

        html.Append("</ul>\n<h2>Open requests by days left</h2>\n").Append(Chart(report.OpenByDaysLeft));
        foreach (var urgency in Enum.GetValues<Urgency>())
        {
            var section = report.Findings.Where(f => f.Urgency == urgency).ToList();
            html.Append("<section class=\"").Append(E(urgency.ToWire())).Append("\">\n<h2>")
                .Append(E($"{urgency.ToWire()} ({section.Count})")).Append("</h2>\n");
            if (section.Count == 0)
            {
                html.Append("<p>None.</p>\n</section>\n");
                continue;
            }

            html.Append("<table>\n<tr><th>Kind</th><th>Request</th><th>Entity</th><th>System</th><th>What is wrong</th><th>What to do</th><th>Done</th></tr>\n");
            foreach (var f in section)
            {
                html.Append("<tr>");
                foreach (var cell in new[] { f.Kind.ToWire(), f.RequestId, f.LegalEntityId, f.SystemId, f.Problem, f.Action, f.Repaired })
                {
                    html.Append("<td>").Append(E(cell)).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</table>\n</section>\n");
        }

        html.Append("<h2>Systems, last 24 hours</h2>\n");
        if (report.Health.Count == 0)
        {
            html.Append("<p>No task ran.</p>\n");
        }
        else
        {
            html.Append("<table>\n<tr><th>System</th><th>Tasks</th><th>Attempts</th><th>Error rate</th><th>Throttling rate</th><th>Median task time</th></tr>\n");
            foreach (var h in report.Health)
            {
                html.Append("<tr>");
                foreach (var cell in new[]
                         {
                             h.SystemId, N(h.Tasks), N(h.Attempts), Percent(h.ErrorRate), Percent(h.ThrottlingRate),
                             h.MedianTaskSeconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "–",
                         })
                {
                    html.Append("<td>").Append(E(cell)).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</table>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>A horizontal bar per days-left bucket; labels and counts are escaped like every other value.</summary>
    private static string Chart(IReadOnlyList<DaysLeftBucket> buckets)
    {
        const int barHeight = 22, labelWidth = 80, maxBar = 360;
        var max = Math.Max(1, buckets.Count == 0 ? 1 : buckets.Max(b => b.Count));
        var height = (buckets.Count * (barHeight + 6)) + 10;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{labelWidth + maxBar + 60}\" height=\"{height}\">\n")
            .Append("<title>Open requests by days left</title>\n");
        for (var i = 0; i < buckets.Count; i++)
        {
            var y = 5 + (i * (barHeight + 6));
            var width = buckets[i].Count == 0 ? 0 : Math.Max(2, buckets[i].Count * maxBar / max);
            var colour = i == 0 ? "#a00" : i == 1 ? "#d70" : "#47a";
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 16}\" font-size=\"13\">").Append(E(buckets[i].Label)).Append("</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{width}\" height=\"{barHeight}\" fill=\"{colour}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 6}\" y=\"{y + 16}\" font-size=\"13\">").Append(E(N(buckets[i].Count))).Append("</text>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
