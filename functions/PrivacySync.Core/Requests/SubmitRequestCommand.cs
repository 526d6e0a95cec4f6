using PrivacySync.Core.Common;

namespace PrivacySync.Core.Requests;

/// <summary>What an officer submits (the Teams form, the CLI). The subject's identifiers travel separately.</summary>
public sealed record SubmitRequestCommand(
    RequestType Type,
    string LegalEntityId,
    DateOnly ReceivedOn,
    string SubmittedBy,
    string SubmissionId,
    IdentityVerification Verification,
    Language? Language = null,
    string? ControllerInstruction = null,
    RestrictionGround? RestrictionGround = null);
