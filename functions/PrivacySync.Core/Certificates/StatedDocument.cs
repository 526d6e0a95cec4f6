using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// What every signed document kind (deletion certificate, objection confirmation) says alike about a request:
/// derived one way from the request and its systems' results and written in one layout, so the kinds differ only
/// in their documentType, their id and their own fields. Each kind holds one (composition), so none copies its fields.
/// </summary>
public sealed record StatedDocument(
    string RequestId,
    string RequestType,
    LegalEntityDetails LegalEntity,
    DateOnly ReceivedOn,
    DateOnly CompletedOn,
    string SubjectReference,
    string Language,
    string Completion,
    IReadOnlyList<StatedSystem> Systems,
    DateTimeOffset IssuedAt,
    AuditHead? AuditHead = null)
{
    /// <summary>The body property that anchors the request's audit chain: the head (sequence and MAC) at assembly.</summary>
    public const string AuditHeadProperty = "auditHead";

    /// <summary>
    /// Issued at <see cref="RequestSummary.GeneratedAt"/> (the caller's clock reading), and completed on that date
    /// unless <paramref name="completedOn"/> says otherwise.
    /// </summary>
    public static StatedDocument From(
        RequestSummary request,
        LegalEntityDetails legalEntity,
        IReadOnlyList<SystemResult> results,
        string subjectReference,
        DateOnly? completedOn,
        SubjectFacts? facts = null,
        AuditHead? auditHead = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(legalEntity);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectReference);

        var language = Languages.Normalise(request.Language);
        var completed = completedOn ?? DateOnly.FromDateTime(request.GeneratedAt.UtcDateTime);
        return new StatedDocument(
            request.RequestId,
            request.Type,
            legalEntity,
            request.ReceivedOn,
            completed,
            subjectReference,
            language,
            RequestOutcomeSummarizer.Summarize(results).Status,
            StatedOutcomes.From(results, language, facts, completed),
            request.GeneratedAt,
            auditHead);
    }

    /// <summary>The audit head a signed body carries; null when it carries none (or not in the expected shape).</summary>
    public static AuditHead? ReadAuditHead(JObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body[AuditHeadProperty] is JObject head
            && head["sequence"] is JValue { Type: JTokenType.Integer } sequence
            && head["mac"] is JValue { Type: JTokenType.String, Value: string mac }
            ? new AuditHead((long)sequence, mac)
            : null;
    }

    /// <summary>Writes <paramref name="head"/> as <see cref="AuditHeadProperty"/> (nothing when null), as <see cref="ReadAuditHead"/> reads it.</summary>
    public static void WriteAuditHead(JObject body, AuditHead? head)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (head is not null)
        {
            body[AuditHeadProperty] = new JObject { ["sequence"] = head.Sequence, ["mac"] = head.Mac };
        }
    }

    /// <param name="idName">The kind's name for its id (certificateId, confirmationId).</param>
    /// <param name="dueOn">Written after receivedOn when the kind states a due date.</param>
    public JObject ToJson(string documentType, string idName, string id, DateOnly? dueOn = null)
    {
        var json = new JObject
        {
            ["documentType"] = documentType,
            [idName] = id,
            ["requestId"] = RequestId,
            ["requestType"] = RequestType,
            ["legalEntity"] = StatedOutcomes.ToJson(LegalEntity),
            ["receivedOn"] = WireFormat.Date(ReceivedOn),
        };
        if (dueOn is { } due)
        {
            json["dueOn"] = WireFormat.Date(due);
        }

        json["completedOn"] = WireFormat.Date(CompletedOn);
        json["subjectReference"] = SubjectReference;
        json["language"] = Language;
        json["completion"] = Completion;
        json["systems"] = StatedOutcomes.ToJson(Systems);
        WriteAuditHead(json, AuditHead);
        json["issuedAt"] = WireFormat.Timestamp(IssuedAt);
        return json;
    }
}
