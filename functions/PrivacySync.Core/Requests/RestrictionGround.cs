using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Requests;

/// <summary>The situation of GDPR Art. 18(1) a restriction request relies on (the form asks which).</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum RestrictionGround
{
    /// <summary>(a) the subject contests the accuracy of the data, for the time it takes to check it.</summary>
    [EnumMember(Value = "accuracy-contested")]
    AccuracyContested,

    /// <summary>(b) the processing is unlawful and the subject asks for restriction instead of erasure.</summary>
    [EnumMember(Value = "unlawful-processing")]
    UnlawfulProcessing,

    /// <summary>(c) the controller no longer needs the data, but the subject needs it for legal claims.</summary>
    [EnumMember(Value = "legal-claims")]
    LegalClaims,

    /// <summary>(d) the subject objected (Art. 21(1)), pending the check of whose grounds override.</summary>
    [EnumMember(Value = "objection-pending")]
    ObjectionPending,
}

/// <summary>
/// A restriction as PrivacySync remembers it on the restriction request's row: since when it holds, and the lift
/// (Art. 18(3): the subject is told first, then the systems lift it). Ids and dates only.
/// </summary>
public sealed record RestrictionState
{
    public required RestrictionGround Ground { get; init; }

    /// <summary>When the systems' restriction was confirmed (the request completed); null while it is being applied.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The officer who decided to lift it, and when the subject's letter announcing the lift was issued.</summary>
    public string? LiftDecidedBy { get; init; }

    public DateTimeOffset? LiftNotifiedAt { get; init; }

    /// <summary>Why the officer lifts it (free text on the row only, like a rejection's reason; never in the trail).</summary>
    public string? LiftReason { get; init; }

    /// <summary>When every system lifted it; the restriction no longer holds.</summary>
    public DateTimeOffset? LiftedAt { get; init; }

    [JsonIgnore]
    public bool Holds => LiftedAt is null;
}
