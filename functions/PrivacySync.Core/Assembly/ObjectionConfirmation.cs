using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// The confirmation of an objection to direct marketing (GDPR Art. 21): per system whether the subject was
/// unsubscribed, was not there, or what failed, each with a sentence for the subject. Signed in the same envelope
/// as the deletion certificate (<see cref="CertificateSigner"/>); its documentType tells the two apart.
/// </summary>
public sealed record ObjectionConfirmation(
    string ConfirmationId,
    string RequestId,
    string RequestType,
    LegalEntityDetails LegalEntity,
    DateOnly ReceivedOn,
    DateOnly CompletedOn,
    string SubjectReference,
    string Language,
    string Completion,
    IReadOnlyList<StatedSystem> Systems,
    DateTimeOffset IssuedAt) : ISignableDocument
{
    public const string DocumentType = "objection-confirmation";

    /// <param name="subjectReference">From <see cref="Certificates.SubjectReference.Compute"/>; never the email itself.</param>
    public static ObjectionConfirmation Create(
        string confirmationId,
        RequestSummary request,
        LegalEntityDetails legalEntity,
        IReadOnlyList<SystemResult> results,
        string subjectReference,
        DateOnly? completedOn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(confirmationId);
        var stated = StatedDocument.From(request, legalEntity, results, subjectReference, completedOn);
        return new ObjectionConfirmation(
            confirmationId,
            stated.RequestId,
            stated.RequestType,
            stated.LegalEntity,
            stated.ReceivedOn,
            stated.CompletedOn,
            stated.SubjectReference,
            stated.Language,
            stated.Completion,
            stated.Systems,
            stated.IssuedAt);
    }

    public JObject ToJson() =>
        new StatedDocument(RequestId, RequestType, LegalEntity, ReceivedOn, CompletedOn, SubjectReference, Language, Completion, Systems, IssuedAt)
            .ToJson(DocumentType, "confirmationId", ConfirmationId);
}
