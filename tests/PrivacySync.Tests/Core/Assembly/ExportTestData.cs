using System.IO.Compression;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Tests.Core.Assembly;

/// <summary>Small builders for export inputs and for reading packages back in tests.</summary>
internal static class ExportTestData
{
    public static readonly DateTimeOffset GeneratedAt = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);

    public static RequestSummary Request(string language = "en", string entityName = "Nordvik Consulting AS") =>
        new("req-2026-0001", "access", "nordvik-no", entityName, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), language, GeneratedAt);

    public static ExportRecord Record(string category, JObject fields, string purpose = "Customer relationship", string legalBasis = "GDPR Art. 6(1)(b) contract") =>
        new(category, purpose, legalBasis, "HubSpot CRM", "3 years after the last delivery", fields);

    public static async IAsyncEnumerable<ExportRecord> Stream(IEnumerable<ExportRecord> records, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return record;
        }
    }

    public static ExportSource Succeeded(string systemId, string systemName, params ExportRecord[] records) =>
        new(
            SystemResult.Success(systemId, systemName, records.Select(r => r.Category).Distinct().Select(c => new CategoryOutcome(c, OutcomeKind.Exported)).ToList()),
            Stream(records));

    public static async Task<byte[]> WriteAsync(RequestSummary request, IReadOnlyList<ExportSource> systems, ExportPackageOptions? options = null)
    {
        using var output = new MemoryStream();
        await new ExportPackageWriter(options).WriteAsync(output, request, systems, TestContext.Current.CancellationToken);
        return output.ToArray();
    }

    public static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    public static string Text(byte[] bytes) => new System.Text.UTF8Encoding(false).GetString(bytes);

    public static JObject Manifest(byte[] zip) => Parse<JObject>(Text(Entries(zip)["manifest.json"]));

    /// <summary>Parses without Newtonsoft's date and float guessing, so values compare as written.</summary>
    public static T Parse<T>(string json)
        where T : JToken
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
        };
        return (T)JToken.ReadFrom(reader);
    }

    /// <summary>Rewrites a ZIP with some entries changed, removed or added.</summary>
    public static byte[] Rewrite(byte[] zip, Func<string, byte[], byte[]?> change, IReadOnlyDictionary<string, byte[]>? add = null)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var all = Entries(zip).Select(e => (e.Key, Value: change(e.Key, e.Value)))
                .Concat((add ?? new Dictionary<string, byte[]>()).Select(a => (a.Key, Value: (byte[]?)a.Value)));
            foreach (var (name, bytes) in all)
            {
                if (bytes is null)
                {
                    continue;
                }

                using var stream = archive.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return output.ToArray();
    }
}
