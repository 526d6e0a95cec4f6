using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Connectors;

/// <summary>What was done to one data category in one system; the wire names are what packages, certificates and the API say.</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum OutcomeKind
{
    [EnumMember(Value = "exported")]
    Exported,

    [EnumMember(Value = "erased")]
    Erased,

    /// <summary>Truly anonymised: nothing held can single the subject out again.</summary>
    [EnumMember(Value = "anonymised")]
    Anonymised,

    /// <summary>Identifiers replaced by a keyed code (e.g. an HMAC); whoever holds the key can re-link it, so it stays personal data.</summary>
    [EnumMember(Value = "pseudonymised")]
    Pseudonymised,

    [EnumMember(Value = "not-found")]
    NotFound,

    [EnumMember(Value = "retained")]
    Retained,

    [EnumMember(Value = "manual-action-required")]
    ManualActionRequired,

    [EnumMember(Value = "unsubscribed")]
    Unsubscribed,

    [EnumMember(Value = "failed")]
    Failed,

    /// <summary>A field was corrected to the value the subject gave (Art. 16).</summary>
    [EnumMember(Value = "rectified")]
    Rectified,

    /// <summary>The system does not allow the step for this field or category (not declared, not mapped); <see cref="CategoryOutcome.Reason"/> says why.</summary>
    [EnumMember(Value = "refused")]
    Refused,

    /// <summary>Processing is held (Art. 18): marked restricted and, where the system markets, unsubscribed.</summary>
    [EnumMember(Value = "restricted")]
    Restricted,

    /// <summary>A restriction was lifted (Art. 18(3)), after the subject was told.</summary>
    [EnumMember(Value = "lifted")]
    Lifted,
}
