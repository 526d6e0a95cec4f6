namespace PrivacySync.Core.Audit;

/// <summary>Whether a trail is intact; when not, the first sequence number at which it breaks and why.</summary>
public sealed record AuditVerification(bool IsValid, long? BrokenAtSequence, string? Reason)
{
    public static AuditVerification Valid { get; } = new(true, null, null);

    public static AuditVerification Broken(long sequence, string reason) => new(false, sequence, reason);
}
