using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// The confirmation of an erasure request (GDPR Art. 17): per system and category what was erased, anonymised,
/// not found, retained (with legal basis and end date), left for manual action or failed, each with a sentence
/// for the subject. It names the subject only by a pseudonymous <see cref="SubjectReference"/>, never the email.
/// What it states about the request is the <see cref="StatedDocument"/> every signed document shares; its own
/// fields are its id and the due date.
/// </summary>
public sealed record DeletionCertificate(string CertificateId, StatedDocument Statement, DateOnly DueOn) : ISignableDocument
{
    public const string DocumentType = "deletion-certificate";

    /// <summary>
    /// Builds the certificate from the systems' results. It is issued at <see cref="RequestSummary.GeneratedAt"/>
    /// (the caller's clock reading), and completed on that date unless <paramref name="completedOn"/> says otherwise.
    /// </summary>
    /// <param name="subjectReference">From <see cref="Certificates.SubjectReference.Compute"/>; never the email itself.</param>
    /// <param name="auditHead">The request's audit chain head when the document was assembled, so the chain can be checked against it.</param>
    public static DeletionCertificate Create(
        string certificateId,
        RequestSummary request,
        LegalEntityDetails legalEntity,
        IReadOnlyList<SystemResult> results,
        string subjectReference,
        DateOnly? completedOn = null,
        SubjectFacts? facts = null,
        AuditHead? auditHead = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateId);
        return new DeletionCertificate(certificateId, StatedDocument.From(request, legalEntity, results, subjectReference, completedOn, facts, auditHead), request.DueOn);
    }

    public JObject ToJson() => Statement.ToJson(DocumentType, "certificateId", CertificateId, DueOn);
}
