namespace PrivacySync.Core.Connectors;

/// <summary>A failure worth retrying (throttling, 5xx, timeout); carries the service's Retry-After when it gave one.</summary>
public sealed class TransientConnectorException(string reason, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(reason, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>A failure that retrying will not fix (bad credentials, missing permission); the message is for an officer.</summary>
public sealed class PermanentConnectorException(string reason, Exception? inner = null) : Exception(reason, inner);
