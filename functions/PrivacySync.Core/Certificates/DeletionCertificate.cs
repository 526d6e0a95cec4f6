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
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(legalEntity);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectReference);

        var language = Languages.Normalise(request.Language);
        return new DeletionCertificate(
            certificateId,
            request.RequestId,
            request.Type,
            legalEntity,
            request.ReceivedOn,
            request.DueOn,
            completedOn ?? DateOnly.FromDateTime(request.GeneratedAt.UtcDateTime),
            subjectReference,
            language,
            RequestOutcomeSummarizer.Summarize(results).Status,
            StatedOutcomes.From(results, language),
            request.GeneratedAt);
    }

    public JObject ToJson() => new()
    {
        ["documentType"] = DocumentType,
        ["certificateId"] = CertificateId,
        ["requestId"] = RequestId,
        ["requestType"] = RequestType,
        ["legalEntity"] = StatedOutcomes.ToJson(LegalEntity),
        ["receivedOn"] = WireFormat.Date(ReceivedOn),
        ["dueOn"] = WireFormat.Date(DueOn),
        ["completedOn"] = WireFormat.Date(CompletedOn),
        ["subjectReference"] = SubjectReference,
        ["language"] = Language,
        ["completion"] = Completion,
        ["systems"] = StatedOutcomes.ToJson(Systems),
        ["issuedAt"] = WireFormat.Timestamp(IssuedAt),
    };
}
