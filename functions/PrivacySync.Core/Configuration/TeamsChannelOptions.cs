using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Configuration;

/// <summary>How much of the subject a Teams card may show (cards go to a channel, so by default: nothing).</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum SubjectOnCards
{
    [EnumMember(Value = "none")]
    None,

    [EnumMember(Value = "initials")]
    Initials,

    [EnumMember(Value = "name")]
    Name,
}

/// <summary>An entity's Teams channel: where its notification cards go (a Workflows webhook) and what they may show.</summary>
public sealed record TeamsChannelOptions
{
    /// <summary>The NAME of the app setting (a Key Vault reference in Azure) holding the Workflows webhook URL.</summary>
    public string? WebhookReference { get; init; }

    [JsonProperty("SubjectOnCards")]
    public string? RawSubjectOnCards { get; init; } = "none";

    [JsonIgnore]
    public SubjectOnCards SubjectOnCards => WireNames.Parse<SubjectOnCards>(RawSubjectOnCards ?? "none");
}
