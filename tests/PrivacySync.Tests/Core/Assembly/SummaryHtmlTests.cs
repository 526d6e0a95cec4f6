using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Connectors;
using static PrivacySync.Tests.Core.Assembly.ExportTestData;

namespace PrivacySync.Tests.Core.Assembly;

public sealed class SummaryHtmlTests
{
    private static async Task<string> SummaryAsync(RequestSummary request, IReadOnlyList<ExportSource> systems, ExportPackageOptions? options = null) =>
        Text(Entries(await WriteAsync(request, systems, options))["summary.html"]);

    [Fact]
    public async Task HostileNamesAndValuesAreEncodedEverywhere()
    {
        var hostile = new JObject
        {
            ["<script>alert(\"name\")</script>"] = "\"quoted\" & 'single' <script>alert(1)</script>",
            ["plain"] = "<img src=x onerror=alert(2)>",
        };
        var html = await SummaryAsync(
            Request(entityName: "Nordvik & Sønner \"AS\" <b>"),
            [
                new ExportSource(
                    SystemResult.Success("hub", "Hub<script>alert(3)</script>", [new CategoryOutcome("<img src=x onerror=alert(4)>", OutcomeKind.Exported)]),
                    Stream([new ExportRecord("<img src=x onerror=alert(4)>", "Purpose <script>", "Basis & \"law\"", "Source '<'", "<i>forever</i>", hostile)], TestContext.Current.CancellationToken)),
                ExportSource.Failed(SystemResult.Failure("hr", "HR", "</p><script>alert(5)</script>")),
            ]);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;quoted&quot; &amp; &#39;single&#39; &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Nordvik &amp; S&#248;nner &quot;AS&quot; &lt;b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Basis &amp; &quot;law&quot;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/p&gt;&lt;script&gt;alert(5)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageHasNoScriptsAndNoExternalResources()
    {
        var html = await SummaryAsync(Request(), [Succeeded("hubspot", "HubSpot", Record("contacts", new JObject { ["email"] = "kari@example.no" }))]);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        foreach (var forbidden in new[] { "<script", "<link", "<iframe", "<img", "src=", "href=", "@import", "url(" })
        {
            Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowsWhatIsHeldWhyAndOnWhichBasis()
    {
        var html = await SummaryAsync(Request(), [Succeeded(
            "hubspot",
            "HubSpot",
            Record("contacts", new JObject { ["email"] = "kari@example.no", ["city"] = "Tromsø" }, purpose: "Customer relationship", legalBasis: "GDPR Art. 6(1)(b) contract"))]);

        Assert.Contains("<h2>HubSpot</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>contacts</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Purpose</dt><dd>Customer relationship</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Legal basis</dt><dd>GDPR Art. 6(1)(b) contract</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Records</dt><dd>1</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<th>email</th><th>city</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>kari@example.no</td><td>Troms&#248;</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowsAreCappedWithANotePointingToTheFiles()
    {
        var records = Enumerable.Range(1, 12).Select(i => Record("contacts", new JObject { ["n"] = $"row-{i:D4}" })).ToArray();

        var html = await SummaryAsync(Request(), [Succeeded("hubspot", "HubSpot", records)], new ExportPackageOptions { MaxRowsPerCategoryInSummary = 5 });

        Assert.Contains("<td>row-0005</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("row-0006", html, StringComparison.Ordinal);
        Assert.Contains(
            "Showing the first 5 of 12 records. All records are in <code>systems/hubspot/contacts.json</code> and <code>systems/hubspot/contacts.csv</code>.",
            html,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedSystemIsShownWithItsError()
    {
        var html = await SummaryAsync(Request(), [ExportSource.Failed(SystemResult.Failure("m365", "Microsoft 365", "Graph returned 403."))]);

        Assert.Contains("<h2>Microsoft 365</h2>", html, StringComparison.Ordinal);
        Assert.Contains("We could not retrieve your data from this system. We are following this up and will send you the rest. Reason: Graph returned 403.", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"failed\">Could not be completed</td>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nb", "<html lang=\"nb\">", "<h1>Dine personopplysninger</h1>", "<dt>Rettslig grunnlag</dt>")]
    [InlineData("nb-NO", "<html lang=\"nb\">", "<h1>Dine personopplysninger</h1>", "<dt>Form&#229;l</dt>")]
    [InlineData("sv", "<html lang=\"sv\">", "<h1>Dina personuppgifter</h1>", "<dt>R&#228;ttslig grund</dt>")]
    [InlineData("en", "<html lang=\"en\">", "<h1>Your personal data</h1>", "<dt>Legal basis</dt>")]
    [InlineData("de", "<html lang=\"en\">", "<h1>Your personal data</h1>", "<dt>Purpose</dt>")]
    public async Task HeadingsFollowTheRequestLanguage(string language, string htmlTag, string heading, string term)
    {
        var html = await SummaryAsync(Request(language), [Succeeded("hubspot", "HubSpot", Record("contacts", new JObject { ["email"] = "kari@example.no" }))]);

        Assert.Contains(htmlTag, html, StringComparison.Ordinal);
        Assert.Contains(heading, html, StringComparison.Ordinal);
        Assert.Contains(term, html, StringComparison.Ordinal);
    }
}
