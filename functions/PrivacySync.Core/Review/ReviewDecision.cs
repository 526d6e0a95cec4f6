using System.Globalization;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Review;

/// <summary>
/// An officer's decision on one review item. The reason and the passages are free text that may hold personal data,
/// so they are stored with the request's raw results (and deleted with them), never in the audit trail or a log.
/// </summary>
public sealed record ReviewDecision(
    string ItemId,
    ReviewDecisionKind Decision,
    string Reason,
    string Officer,
    DateTimeOffset DecidedAt,
    IReadOnlyList<string>? Redactions = null)
{
    /// <summary>Whether <paramref name="other"/> decides the same (a repeated call), whoever sent it and when.</summary>
    public bool SameAs(ReviewDecision other) =>
        other is not null
        && other.ItemId == ItemId
        && other.Decision == Decision
        && string.Equals(other.Reason, Reason, StringComparison.Ordinal)
        && (other.Redactions ?? []).SequenceEqual(Redactions ?? [], StringComparer.Ordinal);

    /// <summary>
    /// The decision's event: who decided which item how (and how many passages), once per item however often it is
    /// recorded — by the call that decided, a retry of it, or the collector before it makes the package.
    /// </summary>
    public AuditEntry ToAuditEntry(string requestId) => new(
        requestId, Officer, AuditActions.ReviewDecided, ReviewItem.SystemOf(ItemId), Outcome: Decision.ToWire(),
        Details: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["item"] = ItemId,
            ["passages"] = (Redactions?.Count ?? 0).ToString(CultureInfo.InvariantCulture),
        },
        OnceKey: $"{AuditActions.ReviewDecided}:{ItemId}");
}
