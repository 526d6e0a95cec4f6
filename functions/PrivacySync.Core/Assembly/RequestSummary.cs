using PrivacySync.Core.Requests;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// What the assembly steps need to know about a request. The request model owns the full state;
/// this is the read-only slice that goes into packages, certificates and confirmations.
/// </summary>
/// <param name="Type">The request type as named on the wire, e.g. "access", "erasure", "objection".</param>
/// <param name="Language">The subject-facing language: "nb", "sv" or "en" (others fall back to English).</param>
/// <param name="GeneratedAt">The assembly time; the only clock value in the output, so equal input gives equal bytes.</param>
public sealed record RequestSummary(
    string RequestId,
    string Type,
    string LegalEntityId,
    string LegalEntityName,
    DateOnly ReceivedOn,
    DateOnly DueOn,
    string Language,
    DateTimeOffset GeneratedAt)
{
    /// <summary>Restrictions of processing (Art. 18) that hold for the subject at assembly; an access package says so.</summary>
    public IReadOnlyList<HeldRestriction> Restrictions { get; init; } = [];
}

/// <summary>A restriction that holds: the restriction request, its Art. 18(1) ground and the day it took effect.</summary>
public sealed record HeldRestriction(string RequestId, RestrictionGround Ground, DateOnly Since);
