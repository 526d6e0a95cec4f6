using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PrivacySync.Cli;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Core.Reconciliation.Reporting;

namespace PrivacySync.Tests.Nightly;

/// <summary>
/// The nightly report: its three files (escaping, formula neutralisation, the chart) and their way to officers —
/// written by <c>privacysync reconcile</c> into dsr-reports and served by GET /api/reports/* of the published app.
/// </summary>
public sealed class ReconciliationReportTests
{
    private static readonly DateOnly Night = new(2026, 12, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ReconciliationReport Hostile() => new(
        Night,
        new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero),
        3,
        [
            new Finding("dsr-1", "nordvik-no", FindingKind.Overdue, Urgency.Critical, "<script>alert('x')</script> late", "=HYPERLINK(\"http://evil\")"),
            new Finding("dsr-2", "nordvik-no", FindingKind.SystemFailed, Urgency.High, "+cmd|' /C calc'!A0", "@SUM(1)", "crm&co"),
            new Finding("dsr-3", "nordvik-se", FindingKind.DueSoon, Urgency.Normal, "-2+3", "Complete it"),
        ],
        [new SystemHealth("crm<b>", 4, 6, 2 / 6.0, 1 / 6.0, 1.5)],
        DaysLeftBucket.From([-3, 1, 20]));

    [Fact]
    public void TheHtmlEscapesEveryValueAndChartsOpenRequestsByDaysLeft()
    {
        var html = ReportFiles.Html(Hostile());

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("crm&amp;co", html, StringComparison.Ordinal);
        Assert.Contains("crm&lt;b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Equal(6, html.Split("<rect ").Length - 1); // one bar per bucket
        var sections = new[] { "critical (1)", "high (1)", "normal (1)" }.Select(s => html.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(sections, i => Assert.True(i > 0));
        Assert.Equal(sections.Order(), sections); // most urgent first
        Assert.Contains("33.3 %", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCsvHasOneRowPerFindingWithFormulasNeutralised()
    {
        using var stream = new MemoryStream();
        await ReportFiles.WriteCsvAsync(Hostile(), stream, Ct);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF').TrimEnd('\n', '\r').Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal(4, lines.Count);
        Assert.StartsWith("urgency,kind,requestId", lines[0], StringComparison.Ordinal);
        var cells = lines.Skip(1).SelectMany(l => l.Split(',')).Select(c => c.Trim('"')).ToList();
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@');
        Assert.Contains(lines, l => l.Contains("HYPERLINK", StringComparison.Ordinal));
    }

    [Fact]
    public void TheJsonCountsByUrgencyAndKindAndListsEveryFinding()
    {
        var json = ReportFiles.Json(Hostile());

        Assert.Equal("2026-12-01", (string?)json["date"]);
        Assert.Equal(1, (int)json["counts"]!["byUrgency"]!["critical"]!);
        Assert.Equal(3, ((JArray)json["findings"]!).Count);
        Assert.Equal("<script>alert('x')</script> late", (string?)json["findings"]![0]!["Problem"] ?? (string?)json["findings"]![0]!["problem"]);
        Assert.Equal([1, 1, 0, 0, 1, 0], json["openByDaysLeft"]!.Select(b => (int)b["count"]!));
    }

    [Fact]
    public async Task OfficersGetTheLatestAndADatedReportFromTheApi()
    {
        await using var subject = await ErasedSubject.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        var (code, output, _) = await subject.ReconcileAsync(today, new FakeTimeProvider(now));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains($"Report: dsr-reports/reports/{today:yyyy-MM-dd}/", output, StringComparison.Ordinal);
        var latest = await subject.Systems.SendAsync(HttpMethod.Get, "/api/reports/latest", null, HttpStatusCode.OK);
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string?)latest["date"]);
        // The erasure's four tasks ran within the last 24 hours, each once.
        var health = latest["health"]!.ToDictionary(h => (string)h["system"]!);
        Assert.Equal(["crm", "hr-api", "hr-db", "m365"], health.Keys.Order());
        Assert.All(health.Values, h => Assert.Equal((1, 0.0), ((int)h["tasks"]!, (double)h["errorRate"]!)));

        var dated = await subject.Systems.SendAsync(HttpMethod.Get, $"/api/reports/{today:yyyy-MM-dd}", null, HttpStatusCode.OK);
        Assert.Equal(latest.ToString(), dated.ToString());
        using var html = await (await subject.Systems.ApiAsync()).GetAsync($"/api/reports/{today:yyyy-MM-dd}?format=html", Ct);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await html.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var csv = await (await subject.Systems.ApiAsync()).GetAsync("/api/reports/latest?format=csv", Ct);
        Assert.StartsWith("urgency,kind", (await csv.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF'), StringComparison.Ordinal);

        var missing = await subject.Systems.SendAsync(HttpMethod.Get, "/api/reports/2020-01-01", null, HttpStatusCode.NotFound);
        Assert.Equal("date", (string?)missing["errors"]![0]!["field"]);
        var bad = await subject.Systems.SendAsync(HttpMethod.Get, "/api/reports/yesterday?format=pdf", null, HttpStatusCode.BadRequest);
        Assert.Equal(["date", "format"], bad["errors"]!.Select(e => (string)e["field"]!).Order());
        using var anonymous = subject.Systems.CloudHosts[0].CreateClient(withFunctionKey: false);
        using var refused = await anonymous.GetAsync("/api/reports/latest", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
