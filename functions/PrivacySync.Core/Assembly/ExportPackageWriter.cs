using System.IO.Compression;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// Writes the export package of an access request as a ZIP to a caller's stream (which may be non-seekable, e.g. a
/// blob upload):
/// <code>
/// systems/&lt;systemId&gt;/&lt;category&gt;.json   every record of the category, as a JSON array
/// systems/&lt;systemId&gt;/&lt;category&gt;.csv    the same records as a table
/// summary.html                              a readable summary for the subject
/// manifest.json                             request, systems, categories, and SHA-256 + size of every other file
/// </code>
/// Records are never collected in memory: each system's stream is read once into per-category temporary files
/// (see <see cref="CategoryBuffer"/>), which are then copied into the ZIP and deleted. A category that reappears
/// later in a system's stream continues its temporary file, so each category still yields exactly one JSON and
/// one CSV file. Output is deterministic: equal input (including <see cref="RequestSummary.GeneratedAt"/>, which
/// is also every entry's timestamp) gives equal bytes.
/// </summary>
public sealed class ExportPackageWriter(ExportPackageOptions? options = null)
{
    public const string ManifestPath = "manifest.json";
    public const string SummaryPath = "summary.html";
    public const string LetterPath = "letter.html";
    public const string ManifestFormat = "privacysync-export/1";

    // Regular file, rw-r--r--, in the Unix mode bits of the external attributes: the same on every build machine.
    private const int RegularFileAttributes = 0x81A4 << 16;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly DateTimeOffset EarliestZipTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestZipTime = new(2107, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly ExportPackageOptions options = options ?? new ExportPackageOptions();

    public Task<ExportPackageResult> WriteAsync(
        Stream destination,
        RequestSummary request,
        IReadOnlyList<ExportSource> systems,
        CancellationToken cancellationToken) => WriteAsync(destination, request, systems, null, cancellationToken);

    /// <param name="facts">
    /// What the subject is told about each category, the controller and their rights (from the configuration). With
    /// it the package also holds the cover letter (letter.html); without it, only what the connectors said.
    /// </param>
    public async Task<ExportPackageResult> WriteAsync(
        Stream destination,
        RequestSummary request,
        IReadOnlyList<ExportSource> systems,
        SubjectFacts? facts,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(systems);

        var timestamp = ZipTimestamp(request.GeneratedAt);
        var files = new List<PackageFile>();
        var reports = new List<SystemReport>(systems.Count);
        var systemPaths = new PackagePaths();

        await using (var archive = await ZipArchive.CreateAsync(destination, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var source in systems)
            {
                var folder = $"systems/{systemPaths.Unique(source.Result.SystemId, "system")}";
                var report = await WriteSystemAsync(archive, folder, source, DateOnly.FromDateTime(request.GeneratedAt.UtcDateTime), timestamp, files, minimise: facts is not null, cancellationToken).ConfigureAwait(false);
                reports.Add(facts is null ? report : WithFacts(report, facts));
            }

            if (facts is not null)
            {
                var letter = LetterHtml.Access(request, reports, facts);
                files.Add(await WriteEntryAsync(archive, LetterPath, timestamp, async (stream, ct) =>
                {
                    await stream.WriteAsync(Utf8.GetBytes(letter), ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false));
            }

            var html = SummaryHtml.Render(request, reports, options, facts);
            files.Add(await WriteEntryAsync(archive, SummaryPath, timestamp, async (stream, ct) =>
            {
                await stream.WriteAsync(Utf8.GetBytes(html), ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false));

            var manifest = Manifest(request, reports, files, facts);
            var manifestFile = await WriteEntryAsync(archive, ManifestPath, timestamp, async (stream, ct) =>
            {
                await using var text = new StreamWriter(stream, Utf8, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\n" }; // same bytes on every OS
                await using var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, CloseOutput = false };
                await manifest.WriteToAsync(json, ct).ConfigureAwait(false);
                await json.FlushAsync(ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);

            return new ExportPackageResult(files, manifestFile, reports.Sum(r => r.Categories.Sum(c => c.RecordCount)));
        }
    }

    private async Task<SystemReport> WriteSystemAsync(
        ZipArchive archive,
        string folder,
        ExportSource source,
        DateOnly asOf,
        DateTimeOffset timestamp,
        List<PackageFile> files,
        bool minimise,
        CancellationToken cancellationToken)
    {
        var result = source.Result;
        if (result.IsFailed)
        {
            return new SystemReport(result, OutcomeOnlyCategories(result.Categories, streamed: new HashSet<string>()));
        }

        var buffers = new List<CategoryBuffer>();
        try
        {
            var byName = new Dictionary<string, CategoryBuffer>(StringComparer.Ordinal);
            var categoryPaths = new PackagePaths();
            var tempDirectory = options.TempDirectory ?? Path.GetTempPath();
            await foreach (var record in source.Records.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (!byName.TryGetValue(record.Category, out var buffer))
                {
                    buffer = new CategoryBuffer(
                        record.Category,
                        categoryPaths.Unique(record.Category, "category"),
                        tempDirectory,
                        options.MaxCsvColumns,
                        options.MaxRowsPerCategoryInSummary,
                        asOf);
                    byName.Add(record.Category, buffer);
                    buffers.Add(buffer);
                }

                // Internal ids and hashes tell the subject nothing; they stay in the source system.
                await buffer.AddAsync(minimise ? record with { Fields = RecordPresentation.Minimise(record.Fields) } : record, cancellationToken).ConfigureAwait(false);
            }

            var categories = new List<CategoryReport>();
            foreach (var buffer in buffers)
            {
                var jsonPath = $"{folder}/{buffer.Segment}.json";
                var csvPath = $"{folder}/{buffer.Segment}.csv";
                files.Add(await WriteEntryAsync(archive, jsonPath, timestamp, (s, ct) => CategoryFiles.WriteJsonAsync(buffer, s, ct), cancellationToken).ConfigureAwait(false));
                files.Add(await WriteEntryAsync(archive, csvPath, timestamp, (s, ct) => CategoryFiles.WriteCsvAsync(buffer, s, ct), cancellationToken).ConfigureAwait(false));

                var outcome = result.Categories.FirstOrDefault(c => string.Equals(c.Category, buffer.Name, StringComparison.Ordinal));
                categories.Add(new CategoryReport(
                    buffer.Name,
                    outcome?.Kind ?? OutcomeKind.Exported,
                    buffer.Count,
                    buffer.Purpose.Joined ?? outcome?.Purpose,
                    buffer.LegalBasis.Joined ?? outcome?.LegalBasis,
                    buffer.Source.Joined,
                    buffer.Retention.Joined,
                    outcome?.Reason,
                    outcome?.Instructions,
                    jsonPath,
                    csvPath,
                    buffer.Sample) { PastRetention = buffer.PastRetention });
            }

            categories.AddRange(OutcomeOnlyCategories(result.Categories, byName.Keys.ToHashSet(StringComparer.Ordinal)));
            return new SystemReport(result, categories);
        }
        finally
        {
            foreach (var buffer in buffers)
            {
                await buffer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Categories the system reported without sending records (not found, failed, manual action...).</summary>
    private static List<CategoryReport> OutcomeOnlyCategories(IReadOnlyList<CategoryOutcome> outcomes, IReadOnlySet<string> streamed) =>
        outcomes
            .Where(o => !streamed.Contains(o.Category))
            .DistinctBy(o => o.Category, StringComparer.Ordinal)
            .Select(o => new CategoryReport(o.Category, o.Kind, 0, o.Purpose, o.LegalBasis, null, null, o.Reason, o.Instructions, null, null, []))
            .ToList();

    private static SystemReport WithFacts(SystemReport report, SubjectFacts facts) => report with
    {
        Categories = report.Categories
            .Select(c => c with { Facts = facts.Category(report.Result.SystemId, c.Name, c.Purpose, c.LegalBasis, c.Retention) })
            .ToList(),
    };

    private async Task<PackageFile> WriteEntryAsync(
        ZipArchive archive,
        string path,
        DateTimeOffset timestamp,
        Func<Stream, CancellationToken, Task> write,
        CancellationToken cancellationToken)
    {
        var entry = archive.CreateEntry(path, options.CompressionLevel);
        entry.LastWriteTime = timestamp;
        entry.ExternalAttributes = RegularFileAttributes;
        await using var entryStream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var hashing = new HashingStream(entryStream);
        await write(hashing, cancellationToken).ConfigureAwait(false);
        await hashing.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new PackageFile(path, hashing.Sha256Hex, hashing.BytesWritten);
    }

    private static JObject Manifest(RequestSummary request, IReadOnlyList<SystemReport> reports, IReadOnlyList<PackageFile> files, SubjectFacts? facts)
    {
        var manifest = Manifest(request, reports, files);
        if (facts is not null)
        {
            var t = SubjectText.For(facts.Language);
            var controller = facts.Controller;
            manifest["controller"] = StatedOutcomes.WithoutNulls(new JObject
            {
                ["name"] = controller.Name,
                ["jurisdiction"] = controller.Jurisdiction,
                ["supervisoryAuthority"] = StatedOutcomes.WithoutNulls(new JObject { ["name"] = controller.SupervisoryAuthority, ["url"] = controller.SupervisoryAuthorityUrl }),
                ["privacyContact"] = controller.PrivacyContact,
                ["actsAsProcessorFor"] = controller.ActsAsProcessorFor,
            });
            manifest["rights"] = new JArray(t.Rights);
        }

        if (request.Restrictions.Count > 0)
        {
            // Art. 18: the copy is given while processing is restricted; the restriction is stated, not hidden.
            manifest["restrictions"] = new JArray(request.Restrictions.Select(r => new JObject
            {
                ["requestId"] = r.RequestId,
                ["ground"] = r.Ground.ToWire(),
                ["since"] = WireFormat.Date(r.Since),
                ["status"] = "holds",
            }));
        }

        return manifest;
    }

    private static JObject Manifest(RequestSummary request, IReadOnlyList<SystemReport> reports, IReadOnlyList<PackageFile> files) => new()
    {
        ["format"] = ManifestFormat,
        ["request"] = new JObject
        {
            ["requestId"] = request.RequestId,
            ["type"] = request.Type,
            ["receivedOn"] = WireFormat.Date(request.ReceivedOn),
            ["dueOn"] = WireFormat.Date(request.DueOn),
            ["language"] = Languages.Normalise(request.Language),
        },
        ["legalEntity"] = new JObject
        {
            ["id"] = request.LegalEntityId,
            ["name"] = request.LegalEntityName,
        },
        ["generatedAt"] = WireFormat.Timestamp(request.GeneratedAt),
        ["totalRecords"] = reports.Sum(r => r.Categories.Sum(c => c.RecordCount)),
        ["systems"] = new JArray(reports.Select(SystemJson)),
        ["files"] = new JArray(files.Select(f => new JObject
        {
            ["path"] = f.Path,
            ["sha256"] = f.Sha256,
            ["bytes"] = f.Bytes,
        })),
    };

    private static JObject SystemJson(SystemReport r)
    {
        var json = new JObject
        {
            ["systemId"] = r.Result.SystemId,
            ["systemName"] = r.Result.SystemName,
            ["status"] = r.Result.IsFailed ? SystemResult.Failed : SystemResult.Succeeded,
            ["error"] = r.Result.Error,
            ["categories"] = new JArray(r.Categories.Select(CategoryJson)),
        };
        if (r.Result.Identity is { } identity)
        {
            json["identity"] = identity; // how an officer settled an identity conflict, in plain words
        }

        return json;
    }

    private static JObject CategoryJson(CategoryReport c)
    {
        var json = new JObject
        {
            ["name"] = c.Name,
            ["outcome"] = WireFormat.Outcome(c.Outcome),
            ["recordCount"] = c.RecordCount,
            ["purpose"] = c.Purpose,
            ["legalBasis"] = c.LegalBasis,
            ["source"] = c.Source,
            ["retention"] = c.Retention,
        };
        if (c.Facts is { } facts)
        {
            json["label"] = facts.Label;
            json["configured"] = facts.Configured;
            json["purpose"] = facts.Purpose;
            json["legalBasis"] = facts.LegalBasis;
            json["personalData"] = facts.PersonalData;
            json["recipients"] = new JArray(facts.Recipients.Select(r => StatedOutcomes.WithoutNulls(new JObject
            {
                ["name"] = r.Name,
                ["role"] = r.Role,
                ["country"] = r.Country,
                ["outsideEea"] = r.OutsideEea,
                ["safeguard"] = r.Safeguard,
            })));
            json["source"] = facts.Source;
            json["automatedDecisions"] = facts.AutomatedDecisions;
            json["retention"] = facts.Retention is { } retention
                ? StatedOutcomes.WithoutNulls(new JObject
                {
                    ["rule"] = string.IsNullOrEmpty(retention.Rule) ? null : retention.Rule,
                    ["text"] = retention.Text,
                    ["period"] = retention.Period,
                    ["legalReference"] = retention.LegalReference,
                    ["exemption"] = retention.Exemption,
                })
                : null;
            json["recordsPastRetention"] = c.PastRetention;
        }

        if (c.Reason is not null)
        {
            json["reason"] = c.Reason;
        }

        if (c.Instructions is not null)
        {
            json["instructions"] = c.Instructions;
        }

        if (c.JsonPath is not null && c.CsvPath is not null)
        {
            json["files"] = new JObject { ["json"] = c.JsonPath, ["csv"] = c.CsvPath };
        }

        return json;
    }

    private static DateTimeOffset ZipTimestamp(DateTimeOffset generatedAt)
    {
        // ZIP stores local-less DOS times from 1980 to 2107; the UTC clock reading is used so every machine agrees.
        var utc = new DateTimeOffset(generatedAt.UtcDateTime, TimeSpan.Zero);
        return utc < EarliestZipTime ? EarliestZipTime : utc > LatestZipTime ? LatestZipTime : utc;
    }
}
