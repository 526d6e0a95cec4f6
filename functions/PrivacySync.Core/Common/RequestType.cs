using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace PrivacySync.Core.Common;

[JsonConverter(typeof(WireEnumConverter))]
public enum RequestType
{
    /// <summary>GDPR Art. 15, including the machine-readable copy of Art. 20 (portability).</summary>
    [EnumMember(Value = "access")]
    Access,

    /// <summary>GDPR Art. 17.</summary>
    [EnumMember(Value = "erasure")]
    Erasure,

    /// <summary>GDPR Art. 21: stop direct marketing.</summary>
    [EnumMember(Value = "objection")]
    Objection,

    /// <summary>GDPR Art. 16: correct named fields to the values the subject gave.</summary>
    [EnumMember(Value = "rectification")]
    Rectification,

    /// <summary>GDPR Art. 18: hold processing (store only) until an officer lifts it, the subject told first (Art. 18(3)).</summary>
    [EnumMember(Value = "restriction")]
    Restriction,
}
