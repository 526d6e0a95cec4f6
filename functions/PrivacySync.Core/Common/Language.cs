using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace PrivacySync.Core.Common;

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
