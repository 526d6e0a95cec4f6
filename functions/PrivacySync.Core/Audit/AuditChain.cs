using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Audit;

/// <summary>
/// Builds and checks the keyed chain: each event's MAC is HMAC-SHA256, keyed with the <see cref="AuditKey"/>, over a
/// canonical serialisation of its fields and the previous event's MAC, so editing, deleting, inserting or reordering
/// an event breaks every later link — and without the key nobody can compute a chain that passes. Where the chain
/// must be complete up to a point (the head a certificate carries), <see cref="Verify"/> takes that head.
/// </summary>
public sealed class AuditChain(AuditKey key)
{
    public static string GenesisMac { get; } = new('0', 64);

    private const string FormatVersion = "privacysync-audit-v2";

    /// <summary>
    /// The next event after <paramref name="previous"/> (null for the first). The time is kept to whole
    /// milliseconds so every store can hold it exactly.
    /// </summary>
    /// <exception cref="ArgumentException">The entry belongs to another request or carries an email address.</exception>
    public AuditEvent Append(AuditEvent? previous, AuditEntry entry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.RequestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Action);
        if (previous is not null && previous.RequestId != entry.RequestId)
        {
            throw new ArgumentException("The entry belongs to a different request than the chain.", nameof(entry));
        }

        GuardAgainstPersonalData(entry);
        var utc = at.ToUniversalTime();
        var unhashed = new AuditEvent(
            entry.RequestId,
            (previous?.Sequence ?? 0) + 1,
            new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            entry.Actor,
            entry.Action,
            entry.SystemId,
            entry.Outcome,
            entry.Details is { Count: > 0 } details ? new Dictionary<string, string>(details, StringComparer.Ordinal) : null,
            previous?.Mac ?? GenesisMac,
            string.Empty);
        return unhashed with { Mac = ComputeMac(unhashed) };
    }

    /// <summary>Checks a whole trail as read from the store (expected in sequence order, starting at 1).</summary>
    /// <param name="anchor">
    /// A link known from elsewhere (the head a certificate carries): the trail must hold that very event. Without
    /// it, removing events from the end of a trail cannot be detected; events after it (downloads, purges) are fine.
    /// </param>
    public AuditVerification Verify(IReadOnlyList<AuditEvent> events, AuditHead? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var previousMac = GenesisMac;
        for (var i = 0; i < events.Count; i++)
        {
            var expected = i + 1L;
            var e = events[i];
            if (e.Sequence != expected)
            {
                return AuditVerification.Broken(expected, $"Found sequence {e.Sequence} where {expected} was expected: an event was removed, inserted or moved.");
            }

            if (e.RequestId != events[0].RequestId)
            {
                return AuditVerification.Broken(expected, "The event belongs to another request.");
            }

            if (!string.Equals(e.PreviousMac, previousMac, StringComparison.Ordinal))
            {
                return AuditVerification.Broken(expected, "The previous-MAC link does not match the preceding event.");
            }

            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(e.Mac ?? ""), Encoding.ASCII.GetBytes(ComputeMac(e))))
            {
                return AuditVerification.Broken(expected, "The event's content does not match its MAC: it was altered, or written without the audit key.");
            }

            previousMac = e.Mac!;
        }

        if (anchor is not null)
        {
            if (anchor.Sequence < 1 || anchor.Sequence > events.Count)
            {
                return AuditVerification.Broken(events.Count + 1L, $"The trail ends before event {anchor.Sequence} that the certificate names: events were removed from the end.");
            }

            if (!string.Equals(events[(int)anchor.Sequence - 1].Mac, anchor.Mac, StringComparison.Ordinal))
            {
                return AuditVerification.Broken(anchor.Sequence, "The event at the certificate's head is not the one the certificate names: the trail was rewritten.");
            }
        }

        return AuditVerification.Valid;
    }

    /// <summary>HMAC-SHA256 with the audit key, lower-case hex, over the canonical form (the stored MAC itself is not part of it).</summary>
    public string ComputeMac(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes(Canonical(e))));
    }

    /// <summary>
    /// A JSON array in fixed field order: version, request, sequence, ISO-8601 UTC time (milliseconds), actor, action,
    /// system, outcome, details sorted by key (null when empty), previous MAC. JSON string escaping makes it
    /// unambiguous whatever the values contain.
    /// </summary>
    internal static string Canonical(AuditEvent e)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.None, Culture = CultureInfo.InvariantCulture })
        {
            json.WriteStartArray();
            json.WriteValue(FormatVersion);
            json.WriteValue(e.RequestId);
            json.WriteValue(e.Sequence);
            json.WriteValue(e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteValue(e.Actor);
            json.WriteValue(e.Action);
            json.WriteValue(e.SystemId);
            json.WriteValue(e.Outcome);
            if (e.Details is { Count: > 0 } details)
            {
                json.WriteStartObject();
                foreach (var (key, value) in details.OrderBy(d => d.Key, StringComparer.Ordinal))
                {
                    json.WritePropertyName(key);
                    json.WriteValue(value);
                }

                json.WriteEndObject();
            }
            else
            {
                json.WriteNull();
            }

            json.WriteValue(e.PreviousMac);
            json.WriteEndArray();
        }

        return text.ToString();
    }

    // The message names the field, never the value: the value may be the very personal data we refuse.
    private static void GuardAgainstPersonalData(AuditEntry entry)
    {
        Reject(entry.RequestId, "RequestId");
        Reject(entry.Actor, "Actor");
        Reject(entry.Action, "Action");
        Reject(entry.SystemId, "SystemId");
        Reject(entry.Outcome, "Outcome");
        foreach (var (key, value) in entry.Details ?? new Dictionary<string, string>())
        {
            Reject(key, "Details key");
            Reject(value, $"Details['{(PersonalDataGuard.LooksLikeEmail(key) ? "?" : key)}']");
        }

        static void Reject(string? value, string field)
        {
            if (PersonalDataGuard.LooksLikeEmail(value))
            {
                throw new ArgumentException($"{field} looks like an email address; audit events must not carry personal data.");
            }
        }
    }
}
