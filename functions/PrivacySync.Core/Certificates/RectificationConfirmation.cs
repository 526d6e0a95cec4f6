using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// The confirmation of a rectification (GDPR Art. 16): per system and field what was corrected, refused (and why) or
/// left to a manual step, and the recipients to tell of it (Art. 19). Field names only, never the new values. Signed in
/// the envelope every document shares (<see cref="CertificateSigner"/>); its documentType tells it apart.
/// </summary>
public sealed record RectificationConfirmation(string ConfirmationId, StatedDocument Statement, IReadOnlyList<RecipientNotice> Recipients) : ISignableDocument
{
    public const string DocumentType = "rectification-confirmation";

    public static RectificationConfirmation Create(
        string confirmationId,
        RequestSummary request,
        LegalEntityDetails legalEntity,
        IReadOnlyList<SystemResult> results,
        string subjectReference,
        SubjectFacts facts,
        AuditHead? auditHead = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(confirmationId);
        var (statement, recipients) = RecipientNotice.Stated(request, legalEntity, results, subjectReference, facts, auditHead, OutcomeKind.Rectified);
        return new RectificationConfirmation(confirmationId, statement, recipients);
    }

    public JObject ToJson()
    {
        var json = Statement.ToJson(DocumentType, "confirmationId", ConfirmationId);
        json.Property("issuedAt")!.AddBeforeSelf(new JProperty("recipientsToNotify", new JArray(Recipients.Select(r => r.ToJson()))));
        return json;
    }
}
