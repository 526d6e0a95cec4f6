using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Requests;

/// <summary>Why a decision was refused, naming the field an officer should look at.</summary>
public sealed record DecisionError(string Field, string Message, DecisionErrorKind Kind = DecisionErrorKind.Invalid);

/// <summary>Maps onto HTTP: Invalid → 400, Forbidden → 403, Conflict → 409, NotFound → 404.</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum DecisionErrorKind
{
    [EnumMember(Value = "invalid")]
    Invalid,

    [EnumMember(Value = "forbidden")]
    Forbidden,

    /// <summary>The request's current state does not allow the decision.</summary>
    [EnumMember(Value = "conflict")]
    Conflict,

    [EnumMember(Value = "not-found")]
    NotFound,
}
