using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Audit;

/// <summary>
/// Builds and checks the hash chain: each event's hash is SHA-256 over a canonical serialisation of its fields and
/// the previous event's hash, so editing, deleting, inserting or reordering an event breaks every later link.
/// </summary>
public static class AuditChain
{
    public static string GenesisHash { get; } = new('0', 64);

    private const string FormatVersion = "privacysync-audit-v1";

    /// <summary>
    /// The next event after <paramref name="previous"/> (null for the first). The time is kept to whole
    /// milliseconds so every store can hold it exactly.
    /// </summary>
    /// <exception cref="ArgumentException">The entry belongs to another request or carries an email address.</exception>
    public static AuditEvent Append(AuditEvent? previous, AuditEntry entry, DateTimeOffset at)
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
            previous?.Hash ?? GenesisHash,
            string.Empty);
        return unhashed with { Hash = ComputeHash(unhashed) };
    }

    /// <summary>Checks a whole trail as read from the store (expected in sequence order, starting at 1).</summary>
    /// <param name="expectedHeadHash">
    /// The last hash known from elsewhere (e.g. printed on the certificate); without it, removing events from the
    /// end of a trail cannot be detected.
    /// </param>
    public static AuditVerification Verify(IReadOnlyList<AuditEvent> events, string? expectedHeadHash = null)
    {
        var previousHash = GenesisHash;
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

            if (!string.Equals(e.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return AuditVerification.Broken(expected, "The previous-hash link does not match the preceding event.");
            }

            if (!string.Equals(e.Hash, ComputeHash(e), StringComparison.Ordinal))
            {
                return AuditVerification.Broken(expected, "The event's content does not match its hash: it was altered.");
            }

            previousHash = e.Hash;
        }

        if (expectedHeadHash is not null && !string.Equals(previousHash, expectedHeadHash, StringComparison.Ordinal))
        {
            return AuditVerification.Broken(events.Count + 1L, "The trail ends before the expected last event: events were removed from the end.");
        }

        return AuditVerification.Valid;
    }

    /// <summary>SHA-256, lower-case hex, over the canonical form (the stored Hash itself is not part of it).</summary>
    public static string ComputeHash(AuditEvent e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>
    /// A JSON array in fixed field order: version, request, sequence, ISO-8601 UTC time (milliseconds), actor, action,
    /// system, outcome, details sorted by key (null when empty), previous hash. JSON string escaping makes it
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

            json.WriteValue(e.PreviousHash);
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
