namespace PrivacySync.Core.Connectors;

/// <summary>A failure worth retrying (throttling, 5xx, timeout); carries the service's Retry-After when it gave one.</summary>
public sealed class TransientConnectorException(string reason, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(reason, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>A failure that retrying will not fix (bad credentials, missing permission); the message is for an officer.</summary>
public sealed class PermanentConnectorException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>
/// Export or erase found the subject's identifiers in conflict (see <see cref="IdentityResolution"/>) and did nothing.
/// A guard for callers that did not resolve first, or for data that changed since: the runner turns it into the same
/// identity-conflict outcome as a conflict from <see cref="IConnector.ResolveAsync"/>.
/// </summary>
public sealed class IdentityConflictException(IdentityResolution resolution)
    : Exception($"Identity conflict: {resolution.Conflict}; nothing was exported or erased.")
{
    public IdentityResolution Resolution { get; } = resolution;

    /// <summary>The accepted records, or this exception when the resolution is a conflict.</summary>
    public static IReadOnlyList<RecordMatch> ThrowIfConflict(IdentityResolution resolution) =>
        resolution.IsConflict ? throw new IdentityConflictException(resolution) : resolution.Matches;
}
