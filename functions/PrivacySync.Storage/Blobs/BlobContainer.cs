using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using PrivacySync.Storage.Http;

namespace PrivacySync.Storage;

/// <summary>
/// One blob container. Uploads hold at most one block in memory; every request body is a buffer the retry
/// policy can resend, so 5xx/timeouts on any block are retried safely. Downloads stream and are not retried
/// once the body has started (the caller repeats the download).
/// </summary>
public sealed class BlobContainer
{
    private readonly StorageService _service;

    internal BlobContainer(StorageService service, string name)
    {
        _service = service;
        Name = StorageNames.QueueOrContainer(name, "container");
    }

    public string Name { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        using var message = _service.CreateMessage(RequestMethod.Put, Name, ("restype", "container"));
        var response = await _service.SendAsync(message, ct).ConfigureAwait(false);
        if (response.Status != 201 && !(response.Status == 409 && StorageErrors.ReadErrorCode(response) == "ContainerAlreadyExists"))
        {
            throw StorageErrors.FromResponse(Op("CreateContainer"), response);
        }
    }

    public async Task<BlobWriteResult> UploadAsync(string blobName, Stream content, BlobUploadOptions? options = null, CancellationToken ct = default)
    {
        ValidateBlobName(blobName);
        ArgumentNullException.ThrowIfNull(content);
        options ??= new BlobUploadOptions();
        if (options.BlockSize < 1 || options.BlockSize > BlobUploadOptions.MaxBlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"BlockSize must be between 1 byte and {BlobUploadOptions.MaxBlockSize} bytes.");
        }

        if (options.IfNoneMatchAll && options.IfMatch is not null)
        {
            throw new ArgumentException("IfNoneMatchAll and IfMatch cannot both be set.", nameof(options));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(options.BlockSize);
        try
        {
            var filled = await FillAsync(content, buffer, options.BlockSize, ct).ConfigureAwait(false);
            if (filled < options.BlockSize)
            {
                return await PutBlobAsync(blobName, buffer.AsMemory(0, filled), options, ct).ConfigureAwait(false);
            }

            // Block ids must be equal-length base64; a per-upload random prefix keeps concurrent uploads apart.
            var uploadId = Guid.NewGuid();
            var blockIds = new List<string>();
            while (filled > 0)
            {
                var blockId = BlockId(uploadId, blockIds.Count);
                await PutBlockAsync(blobName, blockId, buffer.AsMemory(0, filled), ct).ConfigureAwait(false);
                blockIds.Add(blockId);
                if (filled < options.BlockSize)
                {
                    break;
                }

                filled = await FillAsync(content, buffer, options.BlockSize, ct).ConfigureAwait(false);
            }

            return await PutBlockListAsync(blobName, blockIds, options, ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<BlobWriteResult> UploadTextAsync(string blobName, string text, BlobUploadOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new BlobUploadOptions();
        var withType = new BlobUploadOptions
        {
            ContentType = options.ContentType ?? "text/plain; charset=utf-8",
            IfMatch = options.IfMatch,
            IfNoneMatchAll = options.IfNoneMatchAll,
            BlockSize = options.BlockSize,
        };
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
        return await UploadAsync(blobName, stream, withType, ct).ConfigureAwait(false);
    }

    /// <summary>Opens the blob for streaming. Throws <see cref="StorageNotFoundException"/> when absent.</summary>
    public async Task<BlobDownload> DownloadAsync(string blobName, CancellationToken ct = default)
    {
        ValidateBlobName(blobName);
        // The message owns the unbuffered response; BlobDownload disposes it when the caller is done.
        var message = _service.CreateMessage(RequestMethod.Get, BlobPath(blobName));
        try
        {
            message.BufferResponse = false;
            var response = await _service.SendAsync(message, ct).ConfigureAwait(false);
            if (response.Status != 200 || response.ContentStream is null)
            {
                throw StorageErrors.FromResponse(Op("GetBlob"), response);
            }

            return new BlobDownload(
                message,
                response.ContentStream,
                StorageService.RequiredHeader(response, "ETag", Op("GetBlob")),
                response.Headers.ContentType,
                response.Headers.ContentLengthLong ?? -1);
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    public async Task<string> DownloadTextAsync(string blobName, CancellationToken ct = default)
    {
        await using var download = await DownloadAsync(blobName, ct).ConfigureAwait(false);
        using var reader = new StreamReader(download.Content, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(string blobName, CancellationToken ct = default)
    {
        ValidateBlobName(blobName);
        using var message = _service.CreateMessage(RequestMethod.Head, BlobPath(blobName));
        var response = await _service.SendAsync(message, ct).ConfigureAwait(false);
        return response.Status switch
        {
            200 => true,
            404 when StorageErrors.ReadErrorCode(response) is null or "BlobNotFound" => false,
            _ => throw StorageErrors.FromResponse(Op("GetBlobProperties"), response),
        };
    }

    /// <summary>Lists blobs (flat) in name order, one request per <paramref name="pageSize"/> (1..5000), following NextMarker.</summary>
    public async IAsyncEnumerable<BlobItem> ListAsync(string? prefix = null, int pageSize = 1000, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 5000);
        string? marker = null;
        do
        {
            XElement root;
            using (var message = _service.CreateMessage(RequestMethod.Get, Name,
                       ("restype", "container"),
                       ("comp", "list"),
                       ("prefix", string.IsNullOrEmpty(prefix) ? null : prefix),
                       ("maxresults", pageSize.ToString(CultureInfo.InvariantCulture)),
                       ("marker", marker)))
            {
                var response = await _service.SendExpectingAsync(message, Op("ListBlobs"), ct, ErrorContext.None, 200).ConfigureAwait(false);
                root = XDocument.Parse(response.Content.ToString()).Root ?? throw new FormatException("Empty blob list response.");
            }

            foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
            {
                var properties = blob.Element("Properties");
                yield return new BlobItem(
                    blob.Element("Name")?.Value ?? throw new FormatException("Blob list entry without Name."),
                    long.Parse(properties?.Element("Content-Length")?.Value ?? "0", NumberStyles.None, CultureInfo.InvariantCulture),
                    QuoteETag(properties?.Element("Etag")?.Value ?? string.Empty),
                    StorageService.ParseHttpDate(properties?.Element("Last-Modified")?.Value ?? throw new FormatException("Blob list entry without Last-Modified.")),
                    properties.Element("Content-Type")?.Value is { Length: > 0 } type ? type : null);
            }

            marker = root.Element("NextMarker")?.Value;
        }
        while (!string.IsNullOrEmpty(marker));
    }

    /// <summary>True when deleted, false when there was no such blob; a stale <paramref name="ifMatch"/> throws.</summary>
    public async Task<bool> DeleteIfExistsAsync(string blobName, string? ifMatch = null, CancellationToken ct = default)
    {
        ValidateBlobName(blobName);
        using var message = _service.CreateMessage(RequestMethod.Delete, BlobPath(blobName));
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch);
        }

        var response = await _service.SendAsync(message, ct).ConfigureAwait(false);
        return response.Status switch
        {
            202 => true,
            404 when StorageErrors.ReadErrorCode(response) is null or "BlobNotFound" => false,
            _ => throw StorageErrors.FromResponse(Op("DeleteBlob"), response),
        };
    }

    private async Task<BlobWriteResult> PutBlobAsync(string blobName, ReadOnlyMemory<byte> content, BlobUploadOptions options, CancellationToken ct)
    {
        using var message = _service.CreateMessage(RequestMethod.Put, BlobPath(blobName));
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        message.Request.Headers.SetValue("x-ms-blob-content-type", options.ContentType ?? "application/octet-stream");
        SetConditions(message, options);
        message.Request.Content = RequestContent.Create(content);
        return await WriteResultAsync(message, Op("PutBlob"), options, ct).ConfigureAwait(false);
    }

    private async Task PutBlockAsync(string blobName, string blockId, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        using var message = _service.CreateMessage(RequestMethod.Put, BlobPath(blobName), ("comp", "block"), ("blockid", blockId));
        message.Request.Content = RequestContent.Create(content);
        await _service.SendExpectingAsync(message, Op("PutBlock"), ct, ErrorContext.None, 201).ConfigureAwait(false);
    }

    private async Task<BlobWriteResult> PutBlockListAsync(string blobName, List<string> blockIds, BlobUploadOptions options, CancellationToken ct)
    {
        var body = new XDocument(new XElement("BlockList", blockIds.Select(id => new XElement("Latest", id))));
        using var message = _service.CreateMessage(RequestMethod.Put, BlobPath(blobName), ("comp", "blocklist"));
        message.Request.Headers.SetValue("x-ms-blob-content-type", options.ContentType ?? "application/octet-stream");
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml; charset=utf-8");
        SetConditions(message, options);
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToString(SaveOptions.DisableFormatting)));
        return await WriteResultAsync(message, Op("PutBlockList"), options, ct).ConfigureAwait(false);
    }

    private async Task<BlobWriteResult> WriteResultAsync(HttpMessage message, string operation, BlobUploadOptions options, CancellationToken ct)
    {
        var context = options.IfNoneMatchAll ? ErrorContext.IfNoneMatchAll : ErrorContext.None;
        var response = await _service.SendExpectingAsync(message, operation, ct, context, 201).ConfigureAwait(false);
        return new BlobWriteResult(
            StorageService.RequiredHeader(response, "ETag", operation),
            StorageService.ParseHttpDate(StorageService.RequiredHeader(response, "Last-Modified", operation)));
    }

    private static void SetConditions(HttpMessage message, BlobUploadOptions options)
    {
        if (options.IfNoneMatchAll)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfNoneMatch, "*");
        }

        if (options.IfMatch is not null)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, options.IfMatch);
        }
    }

    private static async Task<int> FillAsync(Stream content, byte[] buffer, int count, CancellationToken ct)
    {
        var filled = 0;
        int read;
        while (filled < count && (read = await content.ReadAsync(buffer.AsMemory(filled, count - filled), ct).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    private static string BlockId(Guid uploadId, int index)
    {
        Span<byte> bytes = stackalloc byte[20];
        uploadId.TryWriteBytes(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes[16..], index);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Listings may give the ETag bare; write responses give it quoted. Callers compare and send the quoted form.</summary>
    private static string QuoteETag(string etag) =>
        etag.Length == 0 || etag.StartsWith('"') || etag.StartsWith("W/", StringComparison.Ordinal) ? etag : $"\"{etag}\"";

    private string BlobPath(string blobName) => $"{Name}/{StorageService.EscapeSegments(blobName)}";

    private static void ValidateBlobName(string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        if (blobName.Length > 1024)
        {
            throw new ArgumentException("A blob name is at most 1024 characters.", nameof(blobName));
        }
    }

    private string Op(string operation) => $"Blob.{operation} ({Name})";
}
