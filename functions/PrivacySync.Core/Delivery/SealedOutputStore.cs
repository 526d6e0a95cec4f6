using PrivacySync.Core.Persistence;

namespace PrivacySync.Core.Delivery;

/// <summary>
/// The output store with export packages sealed at rest (<see cref="SealedPackage"/>): the packages are written
/// encrypted and read back decrypted, every other output passes through as it is. The key is taken on first use, so
/// a process that never touches a package (the on-premises task host) needs none.
/// </summary>
public sealed class SealedOutputStore(IOutputStore inner, Lazy<PackageKey> key, IReadOnlySet<string> sealedFiles) : IOutputStore
{
    private const string SealedContentType = "application/octet-stream";

    public Task<string> SaveAsync(string requestId, string fileName, Stream content, string contentType, CancellationToken cancellationToken) =>
        sealedFiles.Contains(fileName)
            ? SaveSealedAsync(requestId, fileName, content, cancellationToken)
            : inner.SaveAsync(requestId, fileName, content, contentType, cancellationToken);

    public async Task<bool> TryCreateAsync(string requestId, string fileName, Stream content, string contentType, CancellationToken cancellationToken)
    {
        if (!sealedFiles.Contains(fileName))
        {
            return await inner.TryCreateAsync(requestId, fileName, content, contentType, cancellationToken);
        }

        await using var sealedContent = SealedPackage.Seal(NotOwned(content), key.Value, Name(requestId, fileName));
        return await inner.TryCreateAsync(requestId, fileName, sealedContent, SealedContentType, cancellationToken);
    }

    public async Task<OutputContent?> OpenAsync(string requestId, string fileName, CancellationToken cancellationToken)
    {
        var stored = await inner.OpenAsync(requestId, fileName, cancellationToken);
        if (stored is null || !sealedFiles.Contains(fileName))
        {
            return stored;
        }

        var plaintext = SealedPackage.Open(stored.Content, stored.Length, key.Value, Name(requestId, fileName));
        return new OutputContent(plaintext, "application/zip", Math.Max(SealedPackage.PlaintextLength(stored.Length), 0));
    }

    public Task<bool> DeleteAsync(string requestId, string fileName, CancellationToken cancellationToken) =>
        inner.DeleteAsync(requestId, fileName, cancellationToken);

    private async Task<string> SaveSealedAsync(string requestId, string fileName, Stream content, CancellationToken ct)
    {
        await using var sealedContent = SealedPackage.Seal(NotOwned(content), key.Value, Name(requestId, fileName));
        return await inner.SaveAsync(requestId, fileName, sealedContent, SealedContentType, ct);
    }

    private static string Name(string requestId, string fileName) => $"{requestId}/{fileName}";

    // The caller owns its stream (the collector's spool file); sealing must not close it.
    private static Stream NotOwned(Stream content) => new KeepOpenStream(content);

    private sealed class KeepOpenStream(Stream inner) : ReadOnlyStream
    {
        private readonly byte[] buffer = new byte[81920];

        protected override async ValueTask<byte[]?> NextBlockAsync(CancellationToken ct)
        {
            var read = await inner.ReadAsync(buffer, ct);
            return read == 0 ? null : buffer[..read];
        }
    }
}
