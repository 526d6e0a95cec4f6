using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Requests;

[JsonConverter(typeof(WireEnumConverter))]
public enum RequestStatus
{
    [EnumMember(Value = "received")]
    Received,

    [EnumMember(Value = "awaiting-verification")]
    AwaitingVerification,

    [EnumMember(Value = "awaiting-approval")]
    AwaitingApproval,

    /// <summary>Accepted and queued for planning; no task exists yet.</summary>
    [EnumMember(Value = "dispatched")]
    Dispatched,

    /// <summary>One task per system is planned; results are coming in.</summary>
    [EnumMember(Value = "collecting")]
    Collecting,

    /// <summary>Every system answered; texts that may hold others' data wait on an officer's review before the package is made.</summary>
    [EnumMember(Value = "awaiting-review")]
    AwaitingReview,

    [EnumMember(Value = "completed")]
    Completed,

    [EnumMember(Value = "completed-with-exceptions")]
    CompletedWithExceptions,

    [EnumMember(Value = "rejected")]
    Rejected,
}

public static class RequestStatusExtensions
{
    public static bool IsTerminal(this RequestStatus status) =>
        status is RequestStatus.Completed or RequestStatus.CompletedWithExceptions or RequestStatus.Rejected;
}
