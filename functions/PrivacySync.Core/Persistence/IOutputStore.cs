namespace PrivacySync.Core.Persistence;

/// <summary>What a request produces for the officer: the export package, the certificate or the confirmation.</summary>
public interface IOutputStore
{
    /// <summary>Uploads the output under the request (replacing an earlier attempt's) and returns its name.</summary>
    Task<string> SaveAsync(string requestId, string fileName, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>
    /// Uploads the output only if none exists under that name (a conditional create): false, and nothing written, when
    /// one does. The collector writes this way, so one that lost its lease can never overwrite the output of the
    /// collector that took over, and a takeover after a crash keeps the output already written.
    /// </summary>
    Task<bool> TryCreateAsync(string requestId, string fileName, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>Null when the output does not exist.</summary>
    Task<OutputContent?> OpenAsync(string requestId, string fileName, CancellationToken cancellationToken);

    /// <summary>Deletes the output; false when it did not exist.</summary>
    Task<bool> DeleteAsync(string requestId, string fileName, CancellationToken cancellationToken);
}

public sealed record OutputContent(Stream Content, string ContentType, long Length) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
