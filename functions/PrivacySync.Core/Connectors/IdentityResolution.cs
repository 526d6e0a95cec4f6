using Newtonsoft.Json;

namespace PrivacySync.Core.Connectors;

/// <summary>
/// One record a system holds that the subject's identifiers reached, and which identifiers (names from
/// <see cref="SubjectIdentifiers"/>) matched it exactly. <paramref name="Record"/> is the system's own reference
/// (e.g. "employees/1042", "contact/51"), never personal data; <paramref name="Kind"/> groups records that stand for
/// people (an HR root table, HubSpot contacts, Microsoft 365 accounts): records of one kind reached by different
/// identifiers are different people.
/// </summary>
public sealed record RecordMatch(string Record, string Kind, IReadOnlyList<string> MatchedBy)
{
    [JsonIgnore]
    public bool ReachedByEmail => MatchedBy.Contains(SubjectIdentifiers.Email, StringComparer.Ordinal);
}

/// <summary>
/// How a system's records were resolved to the subject. A conflict (identifiers that reach more than one person, or a
/// person the primary email does not reach) is an expected outcome: the task waits for an officer to confirm one
/// record or drop an identifier, and nothing is exported or erased for the system until then.
/// </summary>
public sealed record IdentityResolution(IReadOnlyList<RecordMatch> Matches, string? Conflict = null)
{
    [JsonIgnore]
    public bool IsConflict => Conflict is not null;

    /// <summary>The records to act on: every match, unless the resolution is a conflict (then none).</summary>
    [JsonIgnore]
    public IReadOnlyList<RecordMatch> Accepted => IsConflict ? [] : Matches;

    public static IdentityResolution None { get; } = new([]);

    /// <summary>
    /// Applies the one rule every connector shares. Records an officer confirmed (<see cref="SubjectIdentity.ConfirmedRecords"/>)
    /// are accepted (those still reached) and every other match is left alone. Otherwise every record must be reached by the email, and records
    /// of one kind must be reached by the same identifiers (three applications sent from one address are one applicant;
    /// an email reaching one employee and an employee number another are two people).
    /// </summary>
    public static IdentityResolution Resolve(IEnumerable<RecordMatch> found, SubjectIdentity subject)
    {
        var matches = found.OrderBy(m => m.Kind, StringComparer.Ordinal).ThenBy(m => m.Record, StringComparer.Ordinal).ToList();
        if (subject.ConfirmedRecords is { Count: > 0 } confirmed)
        {
            // A confirmed record no longer reached (erased by an earlier attempt, or changed since) leaves less to act on,
            // never someone else: only the confirmed records are ever accepted.
            return new IdentityResolution(matches.Where(m => confirmed.Contains(m.Record, StringComparer.Ordinal)).ToList());
        }

        var crowded = matches.GroupBy(m => m.Kind, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Select(m => string.Join("+", m.MatchedBy.Order(StringComparer.Ordinal))).Distinct(StringComparer.Ordinal).Count() > 1);
        if (crowded is not null)
        {
            return new IdentityResolution(matches, $"the subject's identifiers reach {crowded.Count()} records of '{crowded.Key}' that different identifiers point to");
        }

        var unreached = matches.FirstOrDefault(m => !m.ReachedByEmail);
        return unreached is null
            ? new IdentityResolution(matches)
            : new IdentityResolution(matches,
                $"record {unreached.Record} is reached only by {string.Join(" and ", unreached.MatchedBy)}, not by the request's email address");
    }
}
