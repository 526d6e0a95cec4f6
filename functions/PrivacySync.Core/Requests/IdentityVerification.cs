using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Requests;

/// <summary>How the subject's identity was verified before the request is acted on.</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum IdentityVerification
{
    [EnumMember(Value = "bankid")]
    BankId,

    [EnumMember(Value = "email-confirmation")]
    EmailConfirmation,

    [EnumMember(Value = "employee-sso")]
    EmployeeSso,

    [EnumMember(Value = "id-document")]
    IdDocument,

    [EnumMember(Value = "in-person")]
    InPerson,

    /// <summary>Not yet verified: the request waits for an officer's verify decision.</summary>
    [EnumMember(Value = "pending")]
    Pending,
}
