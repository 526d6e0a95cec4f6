using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Connectors;
using static PrivacySync.Tests.Core.Assembly.ExportTestData;

namespace PrivacySync.Tests.Core.Assembly;

public sealed class ExportPackageStreamingTests : IDisposable
{
    private const int RecordCount = 100_000;
    private readonly string directory = Directory.CreateTempSubdirectory("privacysync-export-test-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task StreamsOneHundredThousandRecordsIntoAFileWithoutKeepingThem()
    {
        var probe = new RetentionProbe();
        var zipPath = Path.Combine(directory, "export.zip");
        var tempDirectory = Directory.CreateDirectory(Path.Combine(directory, "tmp")).FullName;
        var result = SystemResult.Success("hubspot", "HubSpot", [new CategoryOutcome("events", OutcomeKind.Exported), new CategoryOutcome("emails", OutcomeKind.Exported)]);

        ExportPackageResult written;
        await using (var file = new FileStream(zipPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            written = await new ExportPackageWriter(new ExportPackageOptions { TempDirectory = tempDirectory })
                .WriteAsync(file, Request(), [new ExportSource(result, ManyRecords(probe, TestContext.Current.CancellationToken))], TestContext.Current.CancellationToken);
        }

        Assert.Equal(RecordCount, written.TotalRecords);
        Assert.True(probe.EarlyRecordWasCollected, "A record streamed long ago was still reachable: the writer is holding records in memory.");
        Assert.Empty(Directory.EnumerateFileSystemEntries(tempDirectory));

        await using var read = File.OpenRead(zipPath);
        var verification = await ExportPackageReader.VerifyAsync(read, TestContext.Current.CancellationToken);
        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        read.Position = 0;
        var manifest = await ExportPackageReader.ReadManifestAsync(read, TestContext.Current.CancellationToken);
        var counts = ((JArray)manifest["systems"]![0]!["categories"]!).ToDictionary(c => (string)c["name"]!, c => (long)c["recordCount"]!);
        Assert.Equal(new Dictionary<string, long> { ["events"] = 90_000, ["emails"] = 10_000 }, counts);
        Assert.Equal(RecordCount, (long)manifest["totalRecords"]!);
    }

    [Fact]
    public async Task TemporaryFilesAreRemovedWhenTheStreamFails()
    {
        var tempDirectory = Directory.CreateDirectory(Path.Combine(directory, "tmp-fail")).FullName;
        var result = SystemResult.Success("hubspot", "HubSpot", []);

        async IAsyncEnumerable<ExportRecord> Broken()
        {
            yield return Record("contacts", new JObject { ["n"] = "1" });
            await Task.Yield();
            throw new TransientConnectorException("HubSpot 503");
        }

        using var output = new MemoryStream();
        await Assert.ThrowsAsync<TransientConnectorException>(() =>
            new ExportPackageWriter(new ExportPackageOptions { TempDirectory = tempDirectory })
                .WriteAsync(output, Request(), [new ExportSource(result, Broken())], TestContext.Current.CancellationToken));

        Assert.Empty(Directory.EnumerateFileSystemEntries(tempDirectory));
    }

    /// <summary>
    /// 90,000 "events" then 10,000 "emails", as a connector sends them grouped by category. Record 20,000 is watched
    /// through a weak reference; at record 60,000 the GC runs and the probe notes whether anything still held it.
    /// </summary>
    private static async IAsyncEnumerable<ExportRecord> ManyRecords(RetentionProbe probe, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < RecordCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var category = i < 90_000 ? "events" : "emails";
            var fields = new JObject
            {
                ["id"] = i,
                ["type"] = i % 3 == 0 ? "page-view" : "form-view",
                ["url"] = $"https://www.example.no/page/{i % 97}",
                ["at"] = "2025-06-01T12:00:00Z",
            };
            if (i == 20_000)
            {
                probe.Watch(fields);
            }

            if (i == 60_000)
            {
                probe.Check();
            }

            if (i % 10_000 == 0)
            {
                await Task.Yield();
            }

            yield return Record(category, fields);
        }
    }

    private sealed class RetentionProbe
    {
        private WeakReference? watched;

        public bool EarlyRecordWasCollected { get; private set; }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Watch(object value) => watched = new WeakReference(value);

        public void Check()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            EarlyRecordWasCollected = watched is { IsAlive: false };
        }
    }
}
