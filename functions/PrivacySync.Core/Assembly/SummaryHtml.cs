using System.Globalization;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// Renders summary.html: a self-contained page for the subject. Every value that did not come from this file's own
/// constants is HTML-encoded; there are no scripts and no external resources, and a Content-Security-Policy forbids
/// both in case a viewer is lenient.
/// </summary>
internal static class SummaryHtml
{
    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1b;line-height:1.45}" +
        "h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}h3{font-size:1.05rem;margin-top:1.5rem}" +
        "dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}" +
        "table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}" +
        "th{background:#f2f2f2}.scroll{overflow-x:auto}.failed{color:#a40000}.note{color:#555;font-size:.9rem}td{white-space:pre-wrap;word-break:break-word}";

    public static string Render(RequestSummary request, IReadOnlyList<SystemReport> systems, ExportPackageOptions options)
    {
        var t = SummaryText.For(request.Language);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(t.Lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(t.Title)).Append(" – ").Append(E(request.LegalEntityName)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(E(t.Title)).Append("</h1>\n")
            .Append("<p>").Append(E(t.Intro)).Append("</p>\n<dl>\n");
        Term(html, t.Controller, request.LegalEntityName);
        Term(html, t.RequestId, request.RequestId);
        Term(html, t.ReceivedOn, WireFormat.Date(request.ReceivedOn));
        Term(html, t.DueOn, WireFormat.Date(request.DueOn));
        Term(html, t.GeneratedAt, request.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        html.Append("</dl>\n");

        RenderOverview(html, t, systems);
        foreach (var system in systems)
        {
            RenderSystem(html, t, system, options);
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void RenderOverview(StringBuilder html, SummaryText t, IReadOnlyList<SystemReport> systems)
    {
        html.Append("<h2>").Append(E(t.Overview)).Append("</h2>\n<table>\n<thead><tr>");
        foreach (var heading in new[] { t.System, t.Status, t.Categories, t.Records })
        {
            html.Append("<th>").Append(E(heading)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var system in systems)
        {
            var failed = system.Result.IsFailed;
            html.Append("<tr><td>").Append(E(system.Result.SystemName)).Append("</td>")
                .Append(failed ? "<td class=\"failed\">" : "<td>").Append(E(failed ? t.Failed : t.Succeeded)).Append("</td>")
                .Append("<td>").Append(system.Categories.Count(c => c.RecordCount > 0).ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td>").Append(system.Categories.Sum(c => c.RecordCount).ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void RenderSystem(StringBuilder html, SummaryText t, SystemReport system, ExportPackageOptions options)
    {
        html.Append("<section>\n<h2>").Append(E(system.Result.SystemName)).Append("</h2>\n");
        if (system.Result.IsFailed)
        {
            html.Append("<p class=\"failed\">").Append(E(t.FailedSystem)).Append(' ')
                .Append(E(system.Result.Error ?? system.Result.Status)).Append("</p>\n");
        }
        else if (system.Categories.All(c => c.Outcome == OutcomeKind.NotFound || c.RecordCount == 0 && c.Outcome == OutcomeKind.Exported))
        {
            html.Append("<p>").Append(E(t.NothingFound)).Append("</p>\n");
        }

        if (system.Result.Identity is { } identity)
        {
            html.Append("<p class=\"identity\">").Append(E(identity)).Append("</p>\n");
        }

        foreach (var category in system.Categories)
        {
            RenderCategory(html, t, category, options);
        }

        html.Append("</section>\n");
    }

    private static void RenderCategory(StringBuilder html, SummaryText t, CategoryReport category, ExportPackageOptions options)
    {
        html.Append("<h3>").Append(E(category.Name)).Append("</h3>\n<dl>\n");
        Term(html, t.Outcome, OutcomeLabel(t, category.Outcome));
        Term(html, t.Purpose, category.Purpose);
        Term(html, t.LegalBasis, category.LegalBasis);
        Term(html, t.Source, category.Source);
        Term(html, t.Retention, category.Retention);
        Term(html, t.Records, category.RecordCount.ToString(CultureInfo.InvariantCulture));
        html.Append("</dl>\n");
        if (category.Reason is not null)
        {
            html.Append("<p class=\"failed\">").Append(E(category.Reason)).Append("</p>\n");
        }

        if (category.Sample.Count > 0)
        {
            RenderRows(html, t, category.Sample, options.MaxCellCharactersInSummary);
        }

        if (category.JsonPath is not null && category.CsvPath is not null)
        {
            var json = $"<code>{E(category.JsonPath)}</code>";
            var csv = $"<code>{E(category.CsvPath)}</code>";
            // The format strings are this file's constants; only the encoded paths are substituted.
            var note = category.Sample.Count < category.RecordCount
                ? string.Format(CultureInfo.InvariantCulture, E(t.SomeRowsShown), category.Sample.Count, category.RecordCount, json, csv)
                : string.Format(CultureInfo.InvariantCulture, E(t.AllRowsShown), json, csv);
            html.Append("<p class=\"note\">").Append(note).Append("</p>\n");
        }
    }

    private static void RenderRows(StringBuilder html, SummaryText t, IReadOnlyList<JObject> rows, int maxCell)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in rows.SelectMany(r => r.Properties()))
        {
            if (seen.Add(property.Name))
            {
                columns.Add(property.Name);
            }
        }

        html.Append("<div class=\"scroll\"><table>\n<thead><tr>");
        if (columns.Count == 0)
        {
            html.Append("<th>").Append(E(t.Field)).Append("</th>");
        }

        foreach (var column in columns)
        {
            html.Append("<th>").Append(E(column)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            if (columns.Count == 0)
            {
                html.Append("<td></td>");
            }

            foreach (var column in columns)
            {
                html.Append("<td>").Append(E(Cut(WireFormat.FieldText(row[column]), maxCell))).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    private static string OutcomeLabel(SummaryText t, OutcomeKind outcome) => outcome switch
    {
        OutcomeKind.Exported => t.Exported,
        OutcomeKind.NotFound => t.NotFound,
        OutcomeKind.ManualActionRequired => t.ManualAction,
        OutcomeKind.Failed => t.CategoryFailed,
        _ => WireFormat.Outcome(outcome),
    };

    private static void Term(StringBuilder html, string term, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
    }

    private static string? Cut(string? value, int max)
    {
        if (value is null || value.Length <= max)
        {
            return value;
        }

        // Never split a surrogate pair: half a character would encode as garbage.
        var length = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return string.Concat(value.AsSpan(0, length), "…");
    }

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);
}
