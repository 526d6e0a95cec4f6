using System.Security.Cryptography;
using CsvHelper;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Connectors;
using static PrivacySync.Tests.Core.Assembly.ExportTestData;

namespace PrivacySync.Tests.Core.Assembly;

public sealed class ExportPackageWriterTests
{
    private static IReadOnlyList<ExportSource> TwoSystemsOneFailed() =>
    [
        Succeeded(
            "hubspot",
            "HubSpot",
            Record("contacts", new JObject { ["email"] = "kari@example.no", ["firstname"] = "Kari", ["createdate"] = "2021-05-04T10:00:00Z" }),
            Record("contacts", new JObject { ["email"] = "kari.n@example.no", ["phone"] = "+47 900 00 000" }),
            Record("form-submissions", new JObject { ["form"] = "Newsletter", ["submittedAt"] = "2024-01-02T03:04:05Z", ["score"] = 1.10m }, purpose: "Newsletter", legalBasis: "GDPR Art. 6(1)(a) consent")),
        ExportSource.Failed(SystemResult.Failure("m365", "Microsoft 365", "Graph returned 403: the app lacks Mail.Read; grant it in Entra ID.")),
    ];

    [Fact]
    public async Task PackageHoldsJsonAndCsvPerCategorySummaryAndManifest()
    {
        var zip = await WriteAsync(Request(), TwoSystemsOneFailed());

        Assert.Equal(
            new[]
            {
                "manifest.json",
                "summary.html",
                "systems/hubspot/contacts.csv",
                "systems/hubspot/contacts.json",
                "systems/hubspot/form-submissions.csv",
                "systems/hubspot/form-submissions.json",
            },
            Entries(zip).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ManifestListsEveryOtherFileWithItsSha256AndSize()
    {
        var zip = await WriteAsync(Request(), TwoSystemsOneFailed());
        var entries = Entries(zip);
        var files = Manifest(zip)["files"]!.ToObject<List<JObject>>()!;

        Assert.Equal(entries.Keys.Where(k => k != "manifest.json").Order(StringComparer.Ordinal), files.Select(f => (string)f["path"]!).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var bytes = entries[(string)file["path"]!];
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), (string)file["sha256"]!);
            Assert.Equal(bytes.LongLength, (long)file["bytes"]!);
        }
    }

    [Fact]
    public async Task ManifestDescribesRequestSystemsAndCategories()
    {
        var manifest = Manifest(await WriteAsync(Request(), TwoSystemsOneFailed()));

        Assert.Equal("req-2026-0001", (string)manifest["request"]!["requestId"]!);
        Assert.Equal("Nordvik Consulting AS", (string)manifest["legalEntity"]!["name"]!);
        Assert.Equal("2026-03-14T09:30:00.000Z", (string)manifest["generatedAt"]!);
        Assert.Equal(3, (long)manifest["totalRecords"]!);

        var hubspot = (JObject)manifest["systems"]![0]!;
        Assert.Equal("succeeded", (string)hubspot["status"]!);
        var contacts = (JObject)hubspot["categories"]![0]!;
        Assert.Equal("contacts", (string)contacts["name"]!);
        Assert.Equal(2, (long)contacts["recordCount"]!);
        Assert.Equal("Customer relationship", (string)contacts["purpose"]!);
        Assert.Equal("GDPR Art. 6(1)(b) contract", (string)contacts["legalBasis"]!);
        Assert.Equal("HubSpot CRM", (string)contacts["source"]!);
        Assert.Equal("3 years after the last delivery", (string)contacts["retention"]!);
        Assert.Equal("systems/hubspot/contacts.csv", (string)contacts["files"]!["csv"]!);
        var forms = (JObject)hubspot["categories"]![1]!;
        Assert.Equal("GDPR Art. 6(1)(a) consent", (string)forms["legalBasis"]!);
    }

    [Fact]
    public async Task FailedSystemIsListedWithItsErrorAndNoFiles()
    {
        var zip = await WriteAsync(Request(), TwoSystemsOneFailed());
        var m365 = (JObject)Manifest(zip)["systems"]![1]!;

        Assert.Equal("m365", (string)m365["systemId"]!);
        Assert.Equal("failed", (string)m365["status"]!);
        Assert.Equal("Graph returned 403: the app lacks Mail.Read; grant it in Entra ID.", (string)m365["error"]!);
        Assert.Empty((JArray)m365["categories"]!);
        Assert.DoesNotContain(Entries(zip).Keys, k => k.StartsWith("systems/m365", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedSystemStreamIsNotRead()
    {
        var read = false;
        async IAsyncEnumerable<ExportRecord> Partial()
        {
            read = true;
            await Task.Yield();
            yield return Record("contacts", new JObject { ["email"] = "x@example.no" });
        }

        await WriteAsync(Request(), [new ExportSource(SystemResult.Failure("hr", "HR", "timeout"), Partial())]);

        Assert.False(read);
    }

    [Fact]
    public async Task JsonFileHoldsEveryRecordAsSent()
    {
        var first = new JObject { ["email"] = "kari@example.no", ["firstname"] = "Kari", ["createdate"] = "2021-05-04T10:00:00Z" };
        var nested = new JObject { ["address"] = new JObject { ["city"] = "Bodø", ["lines"] = new JArray("Storgata 1", "3. etg") }, ["score"] = 1.10m, ["active"] = true, ["note"] = null };
        var zip = await WriteAsync(Request(), [Succeeded("hubspot", "HubSpot", Record("contacts", first), Record("contacts", nested))]);

        var array = Parse<JArray>(Text(Entries(zip)["systems/hubspot/contacts.json"]));

        Assert.Equal(2, array.Count);
        Assert.True(JToken.DeepEquals(first, array[0]), array[0].ToString());
        Assert.True(JToken.DeepEquals(Parse<JObject>(nested.ToString()), array[1]), array[1].ToString());
        Assert.Equal("2021-05-04T10:00:00Z", (string)array[0]["createdate"]!);
    }

    [Fact]
    public async Task CsvHasAColumnForEveryFieldNameInOrderOfFirstAppearance()
    {
        var zip = await WriteAsync(Request(), [Succeeded(
            "hubspot",
            "HubSpot",
            Record("contacts", new JObject { ["email"] = "kari@example.no", ["firstname"] = "Kari" }),
            Record("contacts", new JObject { ["firstname"] = "Ola, Jr.", ["phone"] = "+47 900 00 000", ["tags"] = new JArray("a", "b") }))]);

        var rows = ReadCsv(Entries(zip)["systems/hubspot/contacts.csv"]);

        Assert.Equal(["email", "firstname", "phone", "tags"], rows[0]);
        Assert.Equal(["kari@example.no", "Kari", "", ""], rows[1]);
        // A leading '+' is a formula to a spreadsheet, so the CSV escapes it; the JSON keeps the number as sent.
        Assert.Equal(["", "Ola, Jr.", "'+47 900 00 000", "[\"a\",\"b\"]"], rows[2]);
    }

    [Fact]
    public async Task CsvStartsWithAByteOrderMarkForSpreadsheets()
    {
        var zip = await WriteAsync(Request(), [Succeeded("hubspot", "HubSpot", Record("contacts", new JObject { ["city"] = "Tromsø" }))]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, Entries(zip)["systems/hubspot/contacts.csv"][..3]);
    }

    [Fact]
    public async Task CsvEscapesFormulasWhileJsonKeepsTheExactValue()
    {
        var zip = await WriteAsync(Request(), [Succeeded("hubspot", "HubSpot", Record("contacts", new JObject { ["company"] = "=HYPERLINK(\"http://evil\")" }))]);
        var entries = Entries(zip);

        Assert.Equal("'=HYPERLINK(\"http://evil\")", ReadCsv(entries["systems/hubspot/contacts.csv"])[1][0]);
        Assert.Equal("=HYPERLINK(\"http://evil\")", (string)Parse<JArray>(Text(entries["systems/hubspot/contacts.json"]))[0]["company"]!);
    }

    [Fact]
    public async Task CsvPutsFieldsBeyondTheColumnCapIntoATrailingJsonColumn()
    {
        var zip = await WriteAsync(
            Request(),
            [Succeeded("hubspot", "HubSpot", Record("contacts", new JObject { ["a"] = "1", ["b"] = "2", ["c"] = "3", ["d"] = "4" }))],
            new ExportPackageOptions { MaxCsvColumns = 2 });

        var rows = ReadCsv(Entries(zip)["systems/hubspot/contacts.csv"]);

        Assert.Equal(["a", "b", "other"], rows[0]);
        Assert.Equal(["1", "2", "{\"c\":\"3\",\"d\":\"4\"}"], rows[1]);
    }

    [Fact]
    public async Task ReappearingCategoryEndsUpInOneFilePair()
    {
        var zip = await WriteAsync(Request(), [Succeeded(
            "hubspot",
            "HubSpot",
            Record("contacts", new JObject { ["n"] = "1" }),
            Record("notes", new JObject { ["n"] = "2" }),
            Record("contacts", new JObject { ["n"] = "3" }))]);
        var entries = Entries(zip);

        Assert.Equal(["1", "3"], Parse<JArray>(Text(entries["systems/hubspot/contacts.json"])).Select(r => (string)r["n"]!));
        Assert.Equal(4, entries.Keys.Count(k => k.StartsWith("systems/hubspot/", StringComparison.Ordinal)));
        var categories = (JArray)Manifest(zip)["systems"]![0]!["categories"]!;
        Assert.Equal([("contacts", 2L), ("notes", 1L)], categories.Select(c => ((string)c["name"]!, (long)c["recordCount"]!)));
    }

    [Fact]
    public async Task HostileSystemAndCategoryNamesBecomeSafeDistinctPaths()
    {
        var zip = await WriteAsync(Request(), [Succeeded(
            "../hub spot",
            "HubSpot",
            Record("../../etc/passwd", new JObject { ["n"] = "1" }),
            Record("Lønn/2024", new JObject { ["n"] = "2" }),
            Record("Lønn:2024", new JObject { ["n"] = "3" }))]);

        var paths = Entries(zip).Keys.Where(k => k.StartsWith("systems/", StringComparison.Ordinal)).ToList();

        Assert.Equal(6, paths.Count);
        Assert.All(paths, p =>
        {
            var segments = p.Split('/');
            Assert.Equal(3, segments.Length);
            Assert.DoesNotContain(segments, s => s is "" or "." or "..");
            Assert.Matches("^[A-Za-z0-9._-]+$", segments[1]);
        });
        var names = ((JArray)Manifest(zip)["systems"]![0]!["categories"]!).Select(c => (string)c["name"]!);
        Assert.Equal(["../../etc/passwd", "Lønn/2024", "Lønn:2024"], names);
    }

    [Fact]
    public async Task CategoriesReportedWithoutRecordsAppearWithTheirOutcome()
    {
        var result = SystemResult.Success("hr", "HR system", [
            new CategoryOutcome("payroll", OutcomeKind.Exported),
            CategoryOutcome.NotFound("sick-leave"),
            CategoryOutcome.ManualAction("paper-archive", "Ask the HR archive in Bodø for folder 12."),
            CategoryOutcome.Failed("timesheets", "The timesheet API timed out three times."),
        ]);
        var zip = await WriteAsync(Request(), [new ExportSource(result, Stream([Record("payroll", new JObject { ["month"] = "2025-12" })], TestContext.Current.CancellationToken))]);

        var categories = ((JArray)Manifest(zip)["systems"]![0]!["categories"]!).Cast<JObject>().ToDictionary(c => (string)c["name"]!);

        Assert.Equal("exported", (string)categories["payroll"]["outcome"]!);
        Assert.Equal("not-found", (string)categories["sick-leave"]["outcome"]!);
        Assert.Equal("manual-action-required", (string)categories["paper-archive"]["outcome"]!);
        Assert.Equal("Ask the HR archive in Bodø for folder 12.", (string)categories["paper-archive"]["instructions"]!);
        Assert.Equal("failed", (string)categories["timesheets"]["outcome"]!);
        Assert.Equal("The timesheet API timed out three times.", (string)categories["timesheets"]["reason"]!);
        Assert.Null(categories["timesheets"]["files"]);
    }

    [Fact]
    public async Task SameInputGivesTheSameBytes()
    {
        var first = await WriteAsync(Request(), TwoSystemsOneFailed());
        var second = await WriteAsync(Request(), TwoSystemsOneFailed());
        var later = await WriteAsync(Request() with { GeneratedAt = GeneratedAt.AddDays(1) }, TwoSystemsOneFailed());

        Assert.Equal(first, second);
        Assert.NotEqual(first, later);
    }

    [Fact]
    public async Task EntriesCarryTheGenerationTimeAsTheirTimestamp()
    {
        var zip = await WriteAsync(Request(), TwoSystemsOneFailed());

        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        Assert.All(archive.Entries, e => Assert.Equal(new DateTime(2026, 3, 14, 9, 30, 0), e.LastWriteTime.DateTime));
    }

    [Fact]
    public async Task WritesToANonSeekableStream()
    {
        using var buffer = new MemoryStream();
        await using (var forwardOnly = new ForwardOnlyStream(buffer))
        {
            await new ExportPackageWriter().WriteAsync(forwardOnly, Request(), TwoSystemsOneFailed(), TestContext.Current.CancellationToken);
        }

        buffer.Position = 0;
        var verification = await ExportPackageReader.VerifyAsync(buffer, TestContext.Current.CancellationToken);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal(5, verification.FilesChecked);
    }

    internal static List<string[]> ReadCsv(byte[] csv)
    {
        using var reader = CsvReader.Create(csv, CsvReaderOptions.Default with { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    /// <summary>Like a blob upload stream: write-only, no seeking, no length.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
