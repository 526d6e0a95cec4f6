namespace PrivacySync.Core.Delivery;

/// <summary>A forward-only read stream over blocks its subclass produces one at a time (null at the end).</summary>
public abstract class ReadOnlyStream : Stream
{
    private byte[] block = [];
    private int position;
    private bool ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    protected abstract ValueTask<byte[]?> NextBlockAsync(CancellationToken ct);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (position == block.Length)
        {
            if (ended || await NextBlockAsync(cancellationToken) is not { } next)
            {
                ended = true;
                return 0;
            }

            block = next;
            position = 0;
        }

        var count = Math.Min(buffer.Length, block.Length - position);
        block.AsMemory(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous readers (a zip reader) get the same blocks; the sources are blob or file streams without a context to block.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
