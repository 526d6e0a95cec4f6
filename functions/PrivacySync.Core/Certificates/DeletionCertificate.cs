using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// The confirmation of an erasure request (GDPR Art. 17): per system and category what was erased, anonymised,
/// not found, retained (with legal basis and end date), left for manual action or failed, each with a sentence
/// for the subject. It names the subject only by a pseudonymous <see cref="SubjectReference"/>, never the email.
/// </summary>
public sealed record DeletionCertificate(
    string CertificateId,
    string RequestId,
    string RequestType,
    LegalEntityDetails LegalEntity,
    DateOnly ReceivedOn,
    DateOnly DueOn,
    DateOnly CompletedOn,
    string SubjectReference,
    string Language,
    string Completion,
    IReadOnlyList<StatedSystem> Systems,
    DateTimeOffset IssuedAt) : ISignableDocument
{
    public const string DocumentType = "deletion-certificate";

    /// <summary>
    /// Builds the certificate from the systems' results. It is issued at <see cref="RequestSummary.GeneratedAt"/>
    /// (the caller's clock reading), and completed on that date unless <paramref name="completedOn"/> says otherwise.
    /// </summary>
    /// <param name="subjectReference">From <see cref="Certificates.SubjectReference.Compute"/>; never the email itself.</param>
    public static DeletionCertificate Create(
        string certificateId,
        RequestSummary request,
        LegalEntityDetails legalEntity,
        IReadOnlyList<SystemResult> results,
        string subjectReference,
        DateOnly? completedOn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateId);
        var stated = StatedDocument.From(request, legalEntity, results, subjectReference, completedOn);
        return new DeletionCertificate(
            certificateId,
            stated.RequestId,
            stated.RequestType,
            stated.LegalEntity,
            stated.ReceivedOn,
            request.DueOn,
            stated.CompletedOn,
            stated.SubjectReference,
            stated.Language,
            stated.Completion,
            stated.Systems,
            stated.IssuedAt);
    }

    public JObject ToJson() =>
        new StatedDocument(RequestId, RequestType, LegalEntity, ReceivedOn, CompletedOn, SubjectReference, Language, Completion, Systems, IssuedAt)
            .ToJson(DocumentType, "certificateId", CertificateId, DueOn);
}
