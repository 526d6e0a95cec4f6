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
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(legalEntity);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectReference);

        var language = Languages.Normalise(request.Language);
        return new ObjectionConfirmation(
            confirmationId,
            request.RequestId,
            request.Type,
            legalEntity,
            request.ReceivedOn,
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
        ["confirmationId"] = ConfirmationId,
        ["requestId"] = RequestId,
        ["requestType"] = RequestType,
        ["legalEntity"] = StatedOutcomes.ToJson(LegalEntity),
        ["receivedOn"] = WireFormat.Date(ReceivedOn),
        ["completedOn"] = WireFormat.Date(CompletedOn),
        ["subjectReference"] = SubjectReference,
        ["language"] = Language,
        ["completion"] = Completion,
        ["systems"] = StatedOutcomes.ToJson(Systems),
        ["issuedAt"] = WireFormat.Timestamp(IssuedAt),
    };
}
