using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// The confirmation of an objection to direct marketing (GDPR Art. 21): per system whether the subject was
/// unsubscribed, was not there, or what failed, each with a sentence for the subject. Signed in the same envelope
/// as the deletion certificate (<see cref="CertificateSigner"/>); its documentType tells the two apart. What it
/// states is the <see cref="StatedDocument"/> every signed document shares; its own field is its id.
/// </summary>
public sealed record ObjectionConfirmation(string ConfirmationId, StatedDocument Statement) : ISignableDocument
{
    public const string DocumentType = "objection-confirmation";

    /// <param name="subjectReference">From <see cref="Certificates.SubjectReference.Compute"/>; never the email itself.</param>
    /// <param name="auditHead">The request's audit chain head when the document was assembled, so the chain can be checked against it.</param>
    public static ObjectionConfirmation Create(
        string confirmationId,
        RequestSummary request,
        LegalEntityDetails legalEntity,
        IReadOnlyList<SystemResult> results,
        string subjectReference,
        DateOnly? completedOn = null,
        SubjectFacts? facts = null,
        AuditHead? auditHead = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(confirmationId);
        return new ObjectionConfirmation(confirmationId, StatedDocument.From(request, legalEntity, results, subjectReference, completedOn, facts, auditHead));
    }

    public JObject ToJson() => Statement.ToJson(DocumentType, "confirmationId", ConfirmationId);
}
