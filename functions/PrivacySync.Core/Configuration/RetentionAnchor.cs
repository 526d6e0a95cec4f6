using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Configuration;

/// <summary>The event a retention period runs from.</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum RetentionAnchor
{
    /// <summary>End of the fiscal year the record belongs to (taken as the calendar year).</summary>
    [EnumMember(Value = "fiscal-year-end")]
    FiscalYearEnd,

    [EnumMember(Value = "agreement-end")]
    AgreementEnd,

    [EnumMember(Value = "employment-end")]
    EmploymentEnd,

    [EnumMember(Value = "last-delivery")]
    LastDelivery,

    [EnumMember(Value = "last-activity")]
    LastActivity,

    [EnumMember(Value = "collection")]
    Collection,
}
