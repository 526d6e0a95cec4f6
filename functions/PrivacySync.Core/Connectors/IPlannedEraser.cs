namespace PrivacySync.Core.Connectors;

/// <summary>
/// Optional addition to <see cref="IConnector"/> for systems whose erasure depends on how they classify the subject
/// (Microsoft 365: an internal person, whose account is deleted, or an external person, whose messages are). The task
/// runner records the classification with the task's erasure intent before the first side effect and passes it to
/// every attempt, so an attempt after a crash erases as the first one did — a soft-deleted account does not turn the
/// subject into an external person with a different, wider deletion.
/// </summary>
public interface IPlannedEraser
{
    /// <summary>How the system classifies the subject now (a short code, no personal data: ids only).</summary>
    Task<string> ClassifyAsync(SubjectIdentity subject, CancellationToken cancellationToken);

    /// <summary>Erases as for <paramref name="classification"/>, whatever the subject looks like now.</summary>
    Task<SystemOutcome> EraseAsync(SubjectIdentity subject, string classification, string idempotencyKey, CancellationToken cancellationToken);
}
