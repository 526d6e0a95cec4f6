using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using Newtonsoft.Json;

namespace PrivacySync.Core.Requests;

/// <summary>
/// One data-subject request as the privacy office tracks it. It deliberately holds no subject email or name:
/// the subject's identifiers are stored separately and purged after the configured retention.
/// </summary>
public sealed record DataSubjectRequest
{
    public required string RequestId { get; init; }

    public required RequestType Type { get; init; }

    public required string LegalEntityId { get; init; }

    /// <summary>The day the request reached the controller; the deadline counts from the day after.</summary>
    public required DateOnly ReceivedOn { get; init; }

    public required DateOnly DueOn { get; init; }

    public bool Extended { get; init; }

    public string? ExtensionReason { get; init; }

    public string? ExtendedBy { get; init; }

    public required RequestStatus Status { get; init; }

    /// <summary>Officer id (never an email address).</summary>
    public required string SubmittedBy { get; init; }

    /// <summary>The submitting form's idempotency key, so a resubmitted form does not create a second request.</summary>
    public required string SubmissionId { get; init; }

    public required IdentityVerification Verification { get; init; }

    public string? VerifiedBy { get; init; }

    public string? ApprovedBy { get; init; }

    public string? RejectedBy { get; init; }

    public string? RejectionReason { get; init; }

    public required Language Language { get; init; }

    /// <summary>
    /// Set only for an entity that acts as processor: the controller's reference for the instruction this request
    /// carries out (Art. 28(3)(e)); results go to that controller, not to the subject.
    /// </summary>
    public string? ControllerInstruction { get; init; }

    /// <summary>A restriction request's ground and, once applied, whether it still holds (Art. 18); null for other types.</summary>
    public RestrictionState? Restriction { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>File names of what the request produced (export package, certificate or confirmation).</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>
    /// When the nightly reconciliation deleted the request's own personal data (identifiers, notes, raw results, export
    /// package) after <c>RequestDataRetentionDays</c>; what remains is this record, the outcomes, audit trail and certificate.
    /// </summary>
    public DateTimeOffset? MinimisedAt { get; init; }

    /// <summary>
    /// The audit event of the last officer step, written with it (<see cref="PendingAuditEvent"/>): appended right after,
    /// or by the next reader when a crash came first.
    /// </summary>
    public PendingAuditEvent? PendingEvent { get; init; }

    /// <summary>How many texts wait on (or had) an officer's review (Art. 15(4)); null when nothing needed review.</summary>
    public int? ReviewItems { get; init; }

    /// <summary>When a collector claimed assembly; a claim older than the assembly lease may be taken over.</summary>
    public DateTimeOffset? AssemblyClaimedAt { get; init; }

    [JsonIgnore]
    public bool IsTerminal => Status.IsTerminal();
}
