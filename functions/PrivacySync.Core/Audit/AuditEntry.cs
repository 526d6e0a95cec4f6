namespace PrivacySync.Core.Audit;

/// <summary>What to record; <see cref="AuditChain.Append"/> adds sequence, time and MACs.</summary>
public sealed record AuditEntry(
    string RequestId,
    string Actor,
    string Action,
    string? SystemId = null,
    string? Outcome = null,
    IReadOnlyDictionary<string, string>? Details = null);
