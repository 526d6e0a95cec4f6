namespace PrivacySync.Storage;

public sealed record BlobWriteResult(string ETag, DateTimeOffset LastModified);

public sealed record BlobItem(string Name, long Length, string ETag, DateTimeOffset LastModified, string? ContentType);

/// <summary>Upload conditions and shape. Set at most one of <see cref="IfNoneMatchAll"/> and <see cref="IfMatch"/>.</summary>
public sealed class BlobUploadOptions
{
    public const int DefaultBlockSize = 4 * 1024 * 1024;

    /// <summary>Upper bound on the one buffer an upload holds.</summary>
    public const int MaxBlockSize = 100 * 1024 * 1024;

    public string? ContentType { get; init; }

    /// <summary>Sends If-None-Match: * — create only; an existing blob gives <see cref="StorageAlreadyExistsException"/>.</summary>
    public bool IfNoneMatchAll { get; init; }

    /// <summary>Sends If-Match: ETag — overwrite only that version; else <see cref="StorageConditionNotMetException"/>.</summary>
    public string? IfMatch { get; init; }

    /// <summary>
    /// Content shorter than this goes in one Put Blob; longer content is streamed as blocks of this size
    /// (Put Block, then Put Block List). One buffer of this size is all an upload keeps in memory.
    /// </summary>
    public int BlockSize { get; init; } = DefaultBlockSize;
}

/// <summary>A blob being read: <see cref="Content"/> streams from the network, so dispose this when done.</summary>
public sealed class BlobDownload : IAsyncDisposable, IDisposable
{
    private readonly IDisposable _response;

    internal BlobDownload(IDisposable response, Stream content, string etag, string? contentType, long length)
    {
        _response = response;
        Content = content;
        ETag = etag;
        ContentType = contentType;
        Length = length;
    }

    public Stream Content { get; }

    public string ETag { get; }

    public string? ContentType { get; }

    public long Length { get; }

    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
    }
}
