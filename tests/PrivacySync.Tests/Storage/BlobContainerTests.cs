using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;
using PrivacySync.Storage;
using PrivacySync.Tests.Infrastructure;

namespace PrivacySync.Tests.Storage;

public sealed class BlobContainerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UploadedTextDownloadsWithItsETagAndContentType()
    {
        var container = await NewContainerAsync();
        const string text = "export for request r-42 — ÆØÅ";

        var written = await container.UploadTextAsync("requests/r-42/export.json", text,
            new BlobUploadOptions { ContentType = "application/json" }, Ct);
        await using var download = await container.DownloadAsync("requests/r-42/export.json", Ct);
        using var reader = new StreamReader(download.Content);

        Assert.Equal(text, await reader.ReadToEndAsync(Ct));
        Assert.Equal(written.ETag, download.ETag);
        Assert.Equal("application/json", download.ContentType);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(text), download.Length);
        Assert.Equal(text, await container.DownloadTextAsync("requests/r-42/export.json", Ct));
    }

    [Fact]
    public async Task IfNoneMatchAllCreatesOnceThenReportsAlreadyExists()
    {
        var container = await NewContainerAsync();
        var createOnly = new BlobUploadOptions { IfNoneMatchAll = true };

        await container.UploadTextAsync("claim", "first", createOnly, Ct);
        var second = await Assert.ThrowsAsync<StorageAlreadyExistsException>(
            () => container.UploadTextAsync("claim", "second", createOnly, Ct));

        Assert.Contains(second.Status, new[] { 409, 412 });
        Assert.Equal("first", await container.DownloadTextAsync("claim", Ct));
    }

    [Fact]
    public async Task IfMatchOverwritesOnlyTheVersionItNames()
    {
        var container = await NewContainerAsync();
        var v1 = await container.UploadTextAsync("state", "v1", ct: Ct);
        var v2 = await container.UploadTextAsync("state", "v2", new BlobUploadOptions { IfMatch = v1.ETag }, Ct);

        var stale = await Assert.ThrowsAsync<StorageConditionNotMetException>(
            () => container.UploadTextAsync("state", "v3", new BlobUploadOptions { IfMatch = v1.ETag }, Ct));

        Assert.Equal(412, stale.Status);
        Assert.NotEqual(v1.ETag, v2.ETag);
        Assert.Equal("v2", await container.DownloadTextAsync("state", Ct));
    }

    [Fact]
    public async Task MissingBlobIsReportedAsAbsentOrNotFound()
    {
        var container = await NewContainerAsync();
        await container.UploadTextAsync("present", "x", ct: Ct);

        Assert.True(await container.ExistsAsync("present", Ct));
        Assert.False(await container.ExistsAsync("absent", Ct));
        var missing = await Assert.ThrowsAsync<StorageNotFoundException>(() => container.DownloadAsync("absent", Ct));
        Assert.Equal("BlobNotFound", missing.ErrorCode);
    }

    [Fact]
    public async Task ListFollowsMarkersAcrossPagesAndHonoursPrefix()
    {
        var container = await NewContainerAsync();
        var expected = Enumerable.Range(0, 7).Select(i => $"reports/2026/{i:D2}.csv").ToList();
        foreach (var name in expected)
        {
            await container.UploadTextAsync(name, name, new BlobUploadOptions { ContentType = "text/csv" }, Ct);
        }

        await container.UploadTextAsync("exports/a.zip", "zip", ct: Ct);
        await container.UploadTextAsync("reportsx", "not under the prefix folder", ct: Ct);

        var listed = new List<BlobItem>();
        await foreach (var item in container.ListAsync("reports/", pageSize: 2, Ct))
        {
            listed.Add(item);
        }

        Assert.Equal(expected, listed.Select(i => i.Name));
        Assert.All(listed, i => Assert.Equal(i.Name.Length, i.Length));
        Assert.All(listed, i => Assert.Equal("text/csv", i.ContentType));
        var all = new List<string>();
        await foreach (var item in container.ListAsync(ct: Ct))
        {
            all.Add(item.Name);
        }

        Assert.Equal(9, all.Count);
    }

    [Fact]
    public async Task ListedETagMatchesTheWrittenOne()
    {
        var container = await NewContainerAsync();
        var written = await container.UploadTextAsync("one", "1", ct: Ct);

        var listed = new List<BlobItem>();
        await foreach (var item in container.ListAsync(ct: Ct))
        {
            listed.Add(item);
        }

        Assert.Equal(written.ETag, Assert.Single(listed).ETag);
    }

    [Fact]
    public async Task DeleteIfExistsHonoursETagAndReportsWhetherItDeleted()
    {
        var container = await NewContainerAsync();
        var v1 = await container.UploadTextAsync("doomed", "v1", ct: Ct);
        var v2 = await container.UploadTextAsync("doomed", "v2", ct: Ct);

        await Assert.ThrowsAsync<StorageConditionNotMetException>(() => container.DeleteIfExistsAsync("doomed", v1.ETag, Ct));
        Assert.True(await container.DeleteIfExistsAsync("doomed", v2.ETag, Ct));
        Assert.False(await container.DeleteIfExistsAsync("doomed", ct: Ct));
        Assert.False(await container.ExistsAsync("doomed", Ct));
    }

    [Fact]
    public async Task CreateIfNotExistsIsIdempotent()
    {
        var container = azurite.Account.GetBlobContainer(azurite.UniqueName("c"));

        await container.CreateIfNotExistsAsync(Ct);
        await container.CreateIfNotExistsAsync(Ct);

        Assert.False(await container.ExistsAsync("anything", Ct));
    }

    [Fact]
    public async Task LargeUploadIsStreamedInBlocksWithOneBlockBuffered()
    {
        const int blockSize = 1024 * 1024;
        const long length = 20L * blockSize + 12345;
        var source = new GeneratedStream(length, seed: 7);
        var sent = new List<(string? Comp, long SourcePosition)>();
        var options = new StorageClientOptions();
        options.AddPolicy(new RecordingPolicy(m => sent.Add((Comp(m), source.Position))), HttpPipelinePosition.PerCall);
        var account = new StorageAccount(StorageConnection.Parse(azurite.ConnectionString), options);
        var container = account.GetBlobContainer(azurite.UniqueName("c"));
        await container.CreateIfNotExistsAsync(Ct);

        var written = await container.UploadAsync("big.bin", source,
            new BlobUploadOptions { BlockSize = blockSize, ContentType = "application/octet-stream" }, Ct);

        var blocks = sent.Where(s => s.Comp == "block").ToList();
        Assert.Equal(21, blocks.Count);
        Assert.Equal("blocklist", sent[^1].Comp);
        // When block k goes out, at most k+1 blocks have been read: the uploader holds one block, never the file.
        Assert.All(blocks.Select((b, k) => (b.SourcePosition, k)), x => Assert.True(x.SourcePosition <= (x.k + 1L) * blockSize));
        Assert.InRange(source.LargestRead, 1, blockSize);

        await using var download = await container.DownloadAsync("big.bin", Ct);
        Assert.Equal(length, download.Length);
        Assert.Equal(written.ETag, download.ETag);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await download.Content.ReadAsync(buffer, Ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        Assert.Equal(length, total);
        Assert.Equal(GeneratedStream.Sha256(length, seed: 7), hash.GetHashAndReset());
    }

    [Fact]
    public async Task ContentOfExactlyOneBlockRoundTrips()
    {
        var container = await NewContainerAsync();
        var bytes = RandomNumberGenerator.GetBytes(4096);

        await container.UploadAsync("exact", new MemoryStream(bytes), new BlobUploadOptions { BlockSize = 4096 }, Ct);
        await using var download = await container.DownloadAsync("exact", Ct);
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy, Ct);

        Assert.Equal(bytes, copy.ToArray());
    }

    private static string? Comp(HttpMessage message) =>
        message.Request.Uri.Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2))
            .FirstOrDefault(p => p[0] == "comp")?[1];

    private async Task<BlobContainer> NewContainerAsync()
    {
        var container = azurite.Account.GetBlobContainer(azurite.UniqueName("c"));
        await container.CreateIfNotExistsAsync(Ct);
        return container;
    }

    /// <summary>Sees each request as the pipeline sends it (a real Azure.Core policy, no mocking).</summary>
    private sealed class RecordingPolicy(Action<HttpMessage> record) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => record(message);
    }

    /// <summary>
    /// A non-seekable stream of deterministic pseudo-random bytes that is never materialised, recording the
    /// largest single read so the test can bound what the uploader buffers.
    /// </summary>
    private sealed class GeneratedStream(long length, int seed) : Stream
    {
        private readonly Random _random = new(seed);
        private long _position;

        public int LargestRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public static byte[] Sha256(long length, int seed)
        {
            using var stream = new GeneratedStream(length, seed);
            return SHA256.HashData(stream);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            LargestRead = Math.Max(LargestRead, buffer.Length);
            var n = (int)Math.Min(buffer.Length, length - _position);
            _random.NextBytes(buffer[..n]);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
