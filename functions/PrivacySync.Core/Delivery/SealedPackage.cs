using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace PrivacySync.Core.Delivery;

/// <summary>
/// Envelope encryption of a package at rest: a fresh 256-bit data key per package encrypts it with AES-GCM in
/// 64 KiB records (so a package of any size streams through in constant memory); the data key is wrapped with the
/// <see cref="PackageKey"/> by AES-GCM too. Every record and the wrapped key are bound to the blob's name
/// (<c>requestId/file</c>), so a package copied under another request does not open, and the last record is marked,
/// so a truncated package does not open either.
/// Layout: magic "PSSEAL01" · key id (8) · wrap nonce (12) · wrapped data key (32) · wrap tag (16) · nonce prefix (8) ·
/// records (ciphertext + 16-byte tag; nonce = prefix · record number; associated data = name · final flag).
/// </summary>
public static class SealedPackage
{
    internal const int RecordSize = 64 * 1024;
    private const int TagSize = 16;
    private const int NonceSize = 12;
    private const int NoncePrefixSize = 8;
    private const int DataKeySize = 32;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("PSSEAL01");

    /// <summary>The header's length: magic, key id, wrap nonce, wrapped key, wrap tag, nonce prefix.</summary>
    public static readonly int HeaderSize = Magic.Length + 8 + NonceSize + DataKeySize + TagSize + NoncePrefixSize;

    /// <summary>A stream that reads <paramref name="plaintext"/> sealed for the blob <paramref name="name"/>.</summary>
    public static Stream Seal(Stream plaintext, PackageKey key, string name)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(key);
        var dataKey = RandomNumberGenerator.GetBytes(DataKeySize);
        var header = new byte[HeaderSize];
        var span = header.AsSpan();
        Magic.CopyTo(span);
        key.Id.CopyTo(span[Magic.Length..]);
        var wrapNonce = span.Slice(Magic.Length + 8, NonceSize);
        RandomNumberGenerator.Fill(wrapNonce);
        var wrapped = span.Slice(Magic.Length + 8 + NonceSize, DataKeySize);
        var wrapTag = span.Slice(Magic.Length + 8 + NonceSize + DataKeySize, TagSize);
        using (var wrap = new AesGcm(key.Key, TagSize))
        {
            wrap.Encrypt(wrapNonce, dataKey, wrapped, wrapTag, WrapData(key.Id, name));
        }

        RandomNumberGenerator.Fill(span[^NoncePrefixSize..]);
        return new SealingStream(plaintext, header, dataKey, span[^NoncePrefixSize..].ToArray(), Encoding.UTF8.GetBytes(name));
    }

    /// <summary>
    /// A stream that reads the plaintext of the sealed blob <paramref name="name"/> of <paramref name="sealedLength"/> bytes.
    /// A package that is not sealed, sealed under another key, for another name, altered or cut short throws
    /// <see cref="InvalidDataException"/> as it is read.
    /// </summary>
    public static Stream Open(Stream sealedContent, long sealedLength, PackageKey key, string name)
    {
        ArgumentNullException.ThrowIfNull(sealedContent);
        ArgumentNullException.ThrowIfNull(key);
        return new OpeningStream(sealedContent, sealedLength, key, Encoding.UTF8.GetBytes(name));
    }

    /// <summary>The plaintext length of a sealed blob of <paramref name="sealedLength"/> bytes (-1 when it cannot be one).</summary>
    public static long PlaintextLength(long sealedLength)
    {
        // Every record but the last holds RecordSize bytes; the last 0 to RecordSize.
        var body = sealedLength - HeaderSize - TagSize;
        if (body < 0)
        {
            return -1;
        }

        var last = body % (RecordSize + TagSize);
        return last <= RecordSize ? (body / (RecordSize + TagSize) * RecordSize) + last : -1;
    }

    private static byte[] WrapData(byte[] keyId, string name) => [.. Magic, .. keyId, .. Encoding.UTF8.GetBytes(name)];

    private static void RecordNonce(Span<byte> nonce, byte[] prefix, uint record)
    {
        prefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[NoncePrefixSize..], record);
    }

    private static byte[] RecordData(byte[] name, bool final) => [.. name, final ? (byte)1 : (byte)0];

    private static async ValueTask<int> FillAsync(Stream source, Memory<byte> buffer, CancellationToken ct)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await source.ReadAsync(buffer[filled..], ct);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>Reads ahead one byte past a record to know whether it is the last (the final flag is sealed into it).</summary>
    private sealed class SealingStream(Stream source, byte[] header, byte[] dataKey, byte[] noncePrefix, byte[] name) : ReadOnlyStream
    {
        private readonly AesGcm aes = new(dataKey, TagSize);
        private readonly byte[] plain = new byte[RecordSize + 1];
        private int carried;
        private uint record;
        private bool finished;
        private bool headerSent;

        protected override async ValueTask<byte[]?> NextBlockAsync(CancellationToken ct)
        {
            if (!headerSent)
            {
                headerSent = true;
                return header;
            }

            if (finished)
            {
                return null;
            }

            var filled = carried + await FillAsync(source, plain.AsMemory(carried), ct);
            var final = filled <= RecordSize;
            var length = final ? filled : RecordSize;
            var block = new byte[length + TagSize];
            Span<byte> nonce = stackalloc byte[NonceSize];
            RecordNonce(nonce, noncePrefix, record++);
            aes.Encrypt(nonce, plain.AsSpan(0, length), block.AsSpan(0, length), block.AsSpan(length), RecordData(name, final));
            if (final)
            {
                finished = true;
                carried = 0;
            }
            else
            {
                plain[0] = plain[RecordSize];
                carried = 1;
            }

            return block;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                aes.Dispose();
                CryptographicOperations.ZeroMemory(dataKey);
                source.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class OpeningStream(Stream source, long sealedLength, PackageKey key, byte[] name) : ReadOnlyStream
    {
        private readonly long plaintextLength = PlaintextLength(sealedLength);
        private AesGcm? aes;
        private byte[] noncePrefix = [];
        private long remaining = sealedLength - HeaderSize;
        private uint record;

        public override long Length => plaintextLength >= 0 ? plaintextLength : throw new InvalidDataException("The package is not a sealed package.");

        protected override async ValueTask<byte[]?> NextBlockAsync(CancellationToken ct)
        {
            if (aes is null)
            {
                await OpenHeaderAsync(ct);
            }

            if (remaining <= 0)
            {
                return null;
            }

            var final = remaining <= RecordSize + TagSize;
            var sealedBlock = new byte[final ? remaining : RecordSize + TagSize];
            if (await FillAsync(source, sealedBlock, ct) != sealedBlock.Length)
            {
                throw new InvalidDataException("The sealed package is shorter than its stored length.");
            }

            remaining -= sealedBlock.Length;
            var block = new byte[sealedBlock.Length - TagSize];
            Span<byte> nonce = stackalloc byte[NonceSize];
            RecordNonce(nonce, noncePrefix, record++);
            try
            {
                aes!.Decrypt(nonce, sealedBlock.AsSpan(0, block.Length), sealedBlock.AsSpan(block.Length), block, RecordData(name, final));
            }
            catch (AuthenticationTagMismatchException e)
            {
                throw new InvalidDataException("The sealed package was altered, cut short or stored under another name.", e);
            }

            return block;
        }

        private async Task OpenHeaderAsync(CancellationToken ct)
        {
            var header = new byte[HeaderSize];
            if (plaintextLength < 0 || await FillAsync(source, header, ct) != HeaderSize || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                throw new InvalidDataException("The package is not a sealed package.");
            }

            if (!header.AsSpan(Magic.Length, 8).SequenceEqual(key.Id))
            {
                throw new InvalidDataException($"The package was sealed under another key than {PackageKey.SettingName}.");
            }

            var dataKey = new byte[DataKeySize];
            using (var unwrap = new AesGcm(key.Key, TagSize))
            {
                try
                {
                    unwrap.Decrypt(
                        header.AsSpan(Magic.Length + 8, NonceSize), header.AsSpan(Magic.Length + 8 + NonceSize, DataKeySize),
                        header.AsSpan(Magic.Length + 8 + NonceSize + DataKeySize, TagSize), dataKey, WrapData(key.Id, Encoding.UTF8.GetString(name)));
                }
                catch (AuthenticationTagMismatchException e)
                {
                    throw new InvalidDataException("The sealed package's key was altered or the package is stored under another name.", e);
                }
            }

            noncePrefix = header.AsSpan(HeaderSize - NoncePrefixSize).ToArray();
            aes = new AesGcm(dataKey, TagSize);
            CryptographicOperations.ZeroMemory(dataKey);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                aes?.Dispose();
                source.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
