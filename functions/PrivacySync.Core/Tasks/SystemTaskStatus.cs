using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Tasks;

/// <summary>
/// Where one system's share of a request stands. Terminal: <see cref="Succeeded"/> (the connector answered; per-category
/// detail, including retained, manual-action and failed categories, is in the task's outcome) and <see cref="Failed"/>
/// (permanent failure or retries exhausted; the reason is in LastError).
/// </summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum SystemTaskStatus
{
    [EnumMember(Value = "pending")]
    Pending,

    [EnumMember(Value = "running")]
    Running,

    [EnumMember(Value = "retry-scheduled")]
    RetryScheduled,

    /// <summary>
    /// The subject's identifiers reach more than one person here, or a person the email does not reach: the task waits,
    /// with nothing exported or erased, until an officer confirms one record or drops an identifier (decision
    /// "resolve-identity"); it then runs again as <see cref="Pending"/>.
    /// </summary>
    [EnumMember(Value = "identity-conflict")]
    IdentityConflict,

    [EnumMember(Value = "succeeded")]
    Succeeded,

    [EnumMember(Value = "failed")]
    Failed,
}
