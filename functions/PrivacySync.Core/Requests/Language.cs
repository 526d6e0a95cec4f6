using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Requests;

/// <summary>The language of subject-facing text.</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum Language
{
    [EnumMember(Value = "nb")]
    NorwegianBokmal,

    [EnumMember(Value = "sv")]
    Swedish,

    [EnumMember(Value = "en")]
    English,
}
