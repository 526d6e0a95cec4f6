using System.Globalization;

namespace PrivacySync.Core.Audit;

/// <summary>
/// An audit event written onto the request row in the same conditional write as the change it records (an outbox of
/// one): the change and its intent to be audited land together or not at all. The event is then appended with its
/// <see cref="Id"/> in its details; a crash in between leaves the pending event on the row, and whoever reads the
/// request next (the officer's next decision, the planner, a resubmitted form, the nightly reconciliation) appends it
/// if the trail does not hold it yet — so a decision is never stored without its event, nor audited twice.
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
    /// Appends the event unless the trail already holds it; true when it was appended now. The store appends an event
    /// with an intent once even when its writer appends it at the same time (<see cref="IAuditLog"/>).
    /// </summary>
    public async Task<bool> EnsureAppendedAsync(IAuditLog audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (IsIn(await audit.ReadAsync(Entry.RequestId, cancellationToken)))
        {
            return false;
        }

        await audit.AppendAsync(Entry, cancellationToken);
        return true;
    }

    /// <summary>Whether the trail holds this event already (for a caller that reads the trail once for several).</summary>
    public bool IsIn(IReadOnlyList<AuditEvent> trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        return trail.Any(e => e.Details is { } d && d.TryGetValue(IntentDetail, out var id) && id == Id);
    }

    /// <summary>
    /// The normal path, right after the write: append without reading the trail. Someone who read the row meanwhile may
    /// append it too; the store keeps one (its intent is appended once).
    /// </summary>
    public Task<AuditEvent> AppendAsync(IAuditLog audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return audit.AppendAsync(Entry, cancellationToken);
    }
}
