using System.Runtime.Serialization;
using Newtonsoft.Json;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Reconciliation;

/// <summary>
/// One thing the nightly reconciliation found wrong, for the privacy office: which request (and system), what is wrong
/// and what to do — or, for a repair the reconciliation made itself, what it did. Ids and states only — never the
/// subject's data or an officer's free text.
/// </summary>
public sealed record Finding(
    string RequestId,
    string LegalEntityId,
    FindingKind Kind,
    Urgency Urgency,
    string Problem,
    string Action,
    string? SystemId = null,
    string? Repaired = null);

[JsonConverter(typeof(WireEnumConverter))]
public enum FindingKind
{
    [EnumMember(Value = "overdue")]
    Overdue,

    [EnumMember(Value = "due-soon")]
    DueSoon,

    [EnumMember(Value = "waiting-on-verification")]
    WaitingOnVerification,

    [EnumMember(Value = "waiting-on-approval")]
    WaitingOnApproval,

    /// <summary>A system's task stopped as identity-conflict: it waits on an officer's resolve-identity decision, not stuck.</summary>
    [EnumMember(Value = "waiting-on-identity-decision")]
    WaitingOnIdentityDecision,

    /// <summary>Mail texts wait on an officer's review (Art. 15(4)) before the export package is made.</summary>
    [EnumMember(Value = "waiting-on-review")]
    WaitingOnReview,

    [EnumMember(Value = "task-stalled")]
    TaskStalled,

    [EnumMember(Value = "system-failed")]
    SystemFailed,

    [EnumMember(Value = "poison-message")]
    PoisonMessage,

    [EnumMember(Value = "lost-message")]
    LostMessage,

    /// <summary>A retained category's end date passed: erased (Repaired says so and names the addendum) or, in a dry run, due.</summary>
    [EnumMember(Value = "deferred-erasure")]
    DeferredErasure,

    [EnumMember(Value = "deferred-erasure-failed")]
    DeferredErasureFailed,

    /// <summary>Re-verification found the subject again in a system after the erasure.</summary>
    [EnumMember(Value = "found-after-erasure")]
    FoundAfterErasure,

    /// <summary>The request's own personal data (identifiers, notes, raw results, export package) was deleted.</summary>
    [EnumMember(Value = "minimised")]
    Minimised,

    /// <summary>A restriction (Art. 18) has held longer than the entity's review period: decide whether to lift it.</summary>
    [EnumMember(Value = "restriction-held")]
    RestrictionHeld,

    /// <summary>A restriction the subject was told would be lifted was lifted in the systems (Repaired says where).</summary>
    [EnumMember(Value = "restriction-lifted")]
    RestrictionLifted,
}

/// <summary>How soon someone must act; the report orders its sections by it.</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum Urgency
{
    [EnumMember(Value = "critical")]
    Critical,

    [EnumMember(Value = "high")]
    High,

    [EnumMember(Value = "normal")]
    Normal,
}
