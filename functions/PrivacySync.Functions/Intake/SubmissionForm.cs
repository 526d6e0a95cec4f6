using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Common;
using PrivacySync.Core.Requests;

namespace PrivacySync.Functions.Intake;

/// <summary>A validated Teams form. The subject's data (identity, notes, corrections) goes to the subject store only.</summary>
internal sealed record SubmissionForm(
    RequestType Type,
    SubjectIdentity Subject,
    LegalEntityOptions Entity,
    Language? Language,
    DateOnly ReceivedOn,
    IdentityVerification Verification,
    string? Notes,
    string SubmissionId,
    string SubmittedBy,
    string? ControllerInstruction,
    IReadOnlyList<FieldCorrection>? Corrections = null,
    RestrictionGround? RestrictionGround = null)
{
    public SubmitRequestCommand ToCommand() =>
        new(Type, Entity.Id!, ReceivedOn, SubmittedBy, SubmissionId, Verification, Language, ControllerInstruction, RestrictionGround);
}
