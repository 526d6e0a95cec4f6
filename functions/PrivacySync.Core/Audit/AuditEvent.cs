namespace PrivacySync.Core.Audit;

/// <summary>
/// One link of a request's audit chain. It never carries the subject's email or name: actors are officer ids or
/// <see cref="AuditActors.System"/>, details are codes and counts. <see cref="Mac"/> is the keyed MAC
/// (HMAC-SHA256 with the <see cref="AuditKey"/>) over the event's fields and <see cref="PreviousMac"/>.
/// </summary>
public sealed record AuditEvent(
    string RequestId,
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Action,
    string? SystemId,
    string? Outcome,
    IReadOnlyDictionary<string, string>? Details,
    string PreviousMac,
    string Mac)
{
    /// <summary>Where the chain stood at this event: what a certificate carries and a later check looks for.</summary>
    public AuditHead Head => new(Sequence, Mac);
}

/// <summary>A chain's last link as known from elsewhere (the certificate): its sequence number and MAC.</summary>
public sealed record AuditHead(long Sequence, string Mac);
