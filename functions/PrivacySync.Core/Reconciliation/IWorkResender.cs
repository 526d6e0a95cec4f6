namespace PrivacySync.Core.Reconciliation;

/// <summary>Sends a flow message again, exactly as the functions send it; the handlers are idempotent, so a repeat is harmless.</summary>
public interface IWorkResender
{
    Task ResendDispatchAsync(string requestId, CancellationToken cancellationToken);

    Task ResendCollectAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>False when the system is not in the configuration, so its queue (cloud or on-premises) is unknown.</summary>
    Task<bool> TryResendTaskAsync(string requestId, string systemId, CancellationToken cancellationToken);
}
