using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;

namespace PrivacySync.Functions.Intake;

/// <summary>
/// Tells a repeated submission (same submissionId, same content: answered with the stored request) from a reused one
/// (same submissionId, other content: refused with 409 naming the first field that differs).
/// </summary>
internal static class SubmissionComparison
{
    /// <summary>Submission ids are bound in one scope for all entities, so reuse across entities is seen too.</summary>
    public const string BindingScope = "all-entities";

    private static bool SameCorrections(IReadOnlyList<FieldCorrection>? stored, IReadOnlyList<FieldCorrection>? submitted) =>
        (stored ?? []).SequenceEqual(submitted ?? []);

    /// <summary>The form's field name of the first difference, or null when the form is the stored request's own.</summary>
    public static async Task<string?> FirstDifferenceAsync(DataSubjectRequest stored, SubmissionForm form, ISubjectStore subjects, CancellationToken ct)
    {
        if (stored.Type != form.Type)
        {
            return "requestType";
        }

        if (!string.Equals(stored.LegalEntityId, form.Entity.Id, StringComparison.Ordinal))
        {
            return "legalEntity";
        }

        if (!string.Equals(stored.SubmittedBy, form.SubmittedBy, StringComparison.OrdinalIgnoreCase))
        {
            return "submittedBy";
        }

        if (stored.ReceivedOn != form.ReceivedOn)
        {
            return "receivedOn";
        }

        // Verification moves on when an officer verifies; only an unverified request still shows what was submitted.
        if (stored.VerifiedBy is null && stored.Verification != form.Verification)
        {
            return "identityVerification";
        }

        if (stored.Language != (form.Language ?? form.Entity.DefaultLanguage))
        {
            return "language";
        }

        if (!string.Equals(stored.ControllerInstruction, form.ControllerInstruction, StringComparison.Ordinal))
        {
            return "controllerInstruction";
        }

        if (stored.Restriction?.Ground != form.RestrictionGround)
        {
            return "restrictionGround";
        }

        // The identifiers may be purged after the retention period; then there is nothing left to compare.
        if (await subjects.GetAsync(stored.RequestId, ct) is not { } subject)
        {
            return null;
        }

        return !string.Equals(subject.Email, form.Subject.Email, StringComparison.OrdinalIgnoreCase) ? "subjectEmail"
            : !string.Equals(subject.Name, form.Subject.Name, StringComparison.Ordinal) ? "subjectName"
            : !string.Equals(subject.Phone, form.Subject.Phone, StringComparison.Ordinal) ? "subjectPhone"
            : !string.Equals(subject.EmployeeId, form.Subject.EmployeeId, StringComparison.Ordinal) ? "employeeId"
            : !SameCorrections(await subjects.GetCorrectionsAsync(stored.RequestId, ct), form.Corrections) ? "corrections"
            : null;
    }
}
