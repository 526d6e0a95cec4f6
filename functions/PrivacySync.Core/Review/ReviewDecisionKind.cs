using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Review;

/// <summary>What an officer decided about one text that may hold other people's data.</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum ReviewDecisionKind
{
    /// <summary>The text goes to the subject as it is.</summary>
    [EnumMember(Value = "include")]
    Include,

    /// <summary>The text goes to the subject with the passages the officer named blacked out.</summary>
    [EnumMember(Value = "redact")]
    Redact,

    /// <summary>The text is withheld; the subject is told so (the message's own details stay in the package).</summary>
    [EnumMember(Value = "exclude")]
    Exclude,
}
