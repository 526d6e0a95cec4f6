using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Configuration;

/// <summary>Where a system's tasks run: in Azure, or on the on-premises agent that can reach internal systems.</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum TaskQueue
{
    [EnumMember(Value = "cloud")]
    Cloud,

    [EnumMember(Value = "onprem")]
    OnPrem,
}
