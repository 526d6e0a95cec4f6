using System.Globalization;

namespace PrivacySync.Core.Audit;

/// <summary>
/// An audit event written onto the request row in the same conditional write as the change it records (an outbox of
/// one): the change and its intent to be audited land together or not at all. The event is then appended with its
/// <see cref="Id"/> in its details; a crash in between leaves the pending event on the row, and whoever reads the
/// request next (the officer's next decision, the planner, a resubmitted form, the nightly reconciliation) appends it
/// again — the log holds an intent once — so a decision is never stored without its event, nor audited twice.
/// </summary>
public sealed record PendingAuditEvent(string Id, AuditEntry Entry)
{
    /// <summary>The details key that ties an appended event to its pending record.</summary>
    public const string IntentDetail = "intent";

    /// <summary>A pending event for the change made at <paramref name="at"/> (unique per write of one request).</summary>
    public static PendingAuditEvent For(AuditEntry entry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Named($"{entry.Action}-{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}", entry);
    }

    /// <summary>
    /// A pending event under an id the caller derives from what the event records (e.g. the night and the system), so
    /// a rerun that records the same thing again writes the same event, which the trail then holds once.
    /// </summary>
    public static PendingAuditEvent Named(string id, AuditEntry entry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(entry);
        var details = new Dictionary<string, string>(entry.Details ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [IntentDetail] = id };
        return new PendingAuditEvent(id, entry with { Details = details });
    }

    /// <summary>
    /// Appends the event; no need to read the trail first: the log keeps one event per intent
    /// (<see cref="AuditEntry.IdempotencyKey"/>), so the writer right after its write, and whoever reads the row after a
    /// crash (or at the same time), may all append it and the trail holds it once.
    /// </summary>
    public Task<AuditEvent> AppendAsync(IAuditLog audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return audit.AppendAsync(Entry, cancellationToken);
    }
}
