using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Deadlines;

/// <summary>Whose public holidays stop a deadline.</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum Jurisdiction
{
    [EnumMember(Value = "NO")]
    NO,

    [EnumMember(Value = "SE")]
    SE,

    /// <summary>Another EU/EEA state: only weekends are treated as non-working days.</summary>
    [EnumMember(Value = "OtherEu")]
    OtherEu,
}
