using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Configuration;

/// <summary>What an erasure request does to one data category.</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum ErasureAction
{
    [EnumMember(Value = "delete")]
    Delete,

    [EnumMember(Value = "anonymise")]
    Anonymise,

    /// <summary>Kept under a named retention rule (e.g. bookkeeping law) until the rule's end date.</summary>
    [EnumMember(Value = "retain")]
    Retain,
}
