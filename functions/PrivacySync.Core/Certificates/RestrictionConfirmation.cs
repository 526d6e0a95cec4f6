using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Requests;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// The confirmation of a restriction of processing (GDPR Art. 18): the ground the subject relied on (Art. 18(1)), per
/// system and category what was restricted or left to a manual step, and the recipients to tell of it (Art. 19). Signed
/// in the envelope every document shares (<see cref="CertificateSigner"/>); its documentType tells it apart.
/// </summary>
public sealed record RestrictionConfirmation(string ConfirmationId, RestrictionGround Ground, StatedDocument Statement, IReadOnlyList<RecipientNotice> Recipients) : ISignableDocument
{
    public const string DocumentType = "restriction-confirmation";

    public static RestrictionConfirmation Create(
        string confirmationId,
        RestrictionGround ground,
        RequestSummary request,
        LegalEntityDetails legalEntity,
        IReadOnlyList<SystemResult> results,
        string subjectReference,
        SubjectFacts facts,
        AuditHead? auditHead = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(confirmationId);
        var (statement, recipients) = RecipientNotice.Stated(request, legalEntity, results, subjectReference, facts, auditHead, OutcomeKind.Restricted);
        return new RestrictionConfirmation(confirmationId, ground, statement, recipients);
    }

    public JObject ToJson()
    {
        var json = Statement.ToJson(DocumentType, "confirmationId", ConfirmationId);
        json.Property("issuedAt")!.AddBeforeSelf(new JProperty("ground", Ground.ToWire()));
        json.Property("issuedAt")!.AddBeforeSelf(new JProperty("recipientsToNotify", new JArray(Recipients.Select(r => r.ToJson()))));
        return json;
    }
}
