using System.Security.Cryptography;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// A write-only pass-through that hashes (SHA-256) and counts exactly the bytes written to the inner stream,
/// so the manifest describes the file as stored, not as we meant to write it.
/// </summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? finalHash;

    public long BytesWritten { get; private set; }

    /// <summary>The lowercase hex SHA-256 of everything written; call once writing is finished.</summary>
    public string Sha256Hex => finalHash ??= Convert.ToHexStringLower(hash.GetHashAndReset());

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureOpen();
        inner.Write(buffer);
        hash.AppendData(buffer);
        BytesWritten += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        hash.AppendData(buffer.Span);
        BytesWritten += buffer.Length;
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    // The inner stream (a ZIP entry) is owned and closed by the caller; only the hash is released here.
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private void EnsureOpen()
    {
        if (finalHash is not null)
        {
            throw new InvalidOperationException("The hash has already been taken; no more bytes may be written.");
        }
    }
}
