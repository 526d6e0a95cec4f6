using System.Text;
using Newtonsoft.Json;
using PrivacySync.Core.Common;
using PrivacySync.Core.Deadlines;

namespace PrivacySync.Core.Configuration;

/// <summary>
/// A company of the group that answers requests. Enum-valued settings keep the configured text (Raw…) so the
/// validator can name a wrong value; the typed properties read it once validation has passed.
/// </summary>
public sealed record LegalEntityOptions
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    [JsonProperty("Jurisdiction")]
    public string? RawJurisdiction { get; init; }

    [JsonIgnore]
    public Jurisdiction Jurisdiction
    {
        get => WireNames.Parse<Jurisdiction>(RawJurisdiction);
        init => RawJurisdiction = value.ToWire();
    }

    public SupervisoryAuthorityOptions? SupervisoryAuthority { get; init; }

    /// <summary>The privacy mailbox (a role address, not a person's).</summary>
    public string? PrivacyContact { get; init; }

    [JsonProperty("DefaultLanguage")]
    public string? RawDefaultLanguage { get; init; }

    [JsonIgnore]
    public Language DefaultLanguage
    {
        get => WireNames.Parse<Language>(RawDefaultLanguage);
        init => RawDefaultLanguage = value.ToWire();
    }

    /// <summary>Four-eyes rule: an erasure is dispatched only after a second officer approves it.</summary>
    public bool ErasureRequiresSecondApproval { get; init; }

    /// <summary>
    /// When set, the entity is a processor for this controller (e.g. an employer): it does not answer subjects itself.
    /// A subject's own request is forwarded to the controller; the entity acts only on the controller's documented
    /// instruction (GDPR Art. 28(3)(e)), and the result goes back to the controller.
    /// </summary>
    public string? ActsAsProcessorFor { get; init; }

    /// <summary>Re-verification after erasure (off unless configured).</summary>
    public ReverificationOptions? Reverification { get; init; }

    /// <summary>
    /// The nightly reconciliation reports a restriction (Art. 18) that has held this many days, and every night after,
    /// for an officer to check whether its ground still applies; null or absent = never reported.
    /// </summary>
    public int? RestrictionReviewDays { get; init; }

    /// <summary>What an officer reviews before it goes into the subject's package (none = nothing is held back for review).</summary>
    public ReviewOptions? Review { get; init; }

    /// <summary>Officer ids (plain ids, not email addresses) allowed to submit and decide this entity's requests.</summary>
    public IReadOnlyList<string> Officers { get; init; } = [];

    /// <summary>The entity's Teams channel for notification cards; none = no cards are posted.</summary>
    public TeamsChannelOptions? Teams { get; init; }

    [JsonIgnore]
    public bool IsProcessor => !string.IsNullOrWhiteSpace(ActsAsProcessorFor);

    public bool HasOfficer(string? officerId) =>
        officerId is not null && Officers.Contains(officerId, StringComparer.OrdinalIgnoreCase);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Id = {Id}");
        return true;
    }
}
