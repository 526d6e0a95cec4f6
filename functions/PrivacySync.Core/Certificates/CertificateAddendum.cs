using System.Runtime.Serialization;
using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// A signed addendum to a deletion certificate: what a later execution erased — a category whose retention ended, or a
/// subject found again after erasure. Its own document type (never a certificate), signed with the certificate's key,
/// and bound to the certificate by the SHA-256 of the certificate's canonical signed body, so it cannot be attached to
/// another request's certificate. It repeats the certificate's pseudonymous subject reference, never an identifier, and
/// carries the request's audit chain head after the events of the execution it states (as a certificate carries the
/// head at assembly), so <c>verify --audit</c> checks the trail up to them.
/// </summary>
public sealed record CertificateAddendum(
    string AddendumId,
    string CertificateId,
    string CertificateSha256,
    string RequestId,
    string SubjectReference,
    LegalEntityDetails LegalEntity,
    AddendumReason Reason,
    DateOnly ExecutedOn,
    string Language,
    IReadOnlyList<StatedSystem> Systems,
    DateTimeOffset IssuedAt,
    AuditHead? AuditHead = null) : ISignableDocument
{
    public const string DocumentType = "certificate-addendum";

    /// <summary>The addendum of one execution, stating each system's results in the certificate's language.</summary>
    /// <param name="certificate">The certificate's signed body, as <see cref="CertificateVerification.Document"/> or <see cref="ReadBody"/> gives it.</param>
    public static CertificateAddendum Create(
        string addendumId, JObject certificate, AddendumReason reason, DateOnly executedOn, IReadOnlyList<SystemResult> results, DateTimeOffset issuedAt,
        AuditHead? auditHead = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var language = Languages.Normalise(certificate.Value<string>("language"));
        var entity = certificate["legalEntity"] as JObject ?? [];
        return new CertificateAddendum(
            addendumId,
            certificate.Value<string>("certificateId") ?? throw new ArgumentException("The certificate has no certificateId.", nameof(certificate)),
            BodySha256(certificate),
            certificate.Value<string>("requestId") ?? throw new ArgumentException("The certificate has no requestId.", nameof(certificate)),
            certificate.Value<string>("subjectReference") ?? "purged",
            new LegalEntityDetails(
                entity.Value<string>("id") ?? "", entity.Value<string>("name") ?? "", entity.Value<string>("jurisdiction") ?? "",
                entity.Value<string>("supervisoryAuthority") ?? "", entity.Value<string>("privacyContact") ?? ""),
            reason,
            executedOn,
            language,
            StatedOutcomes.From(results, language),
            issuedAt,
            auditHead);
    }

    public JObject ToJson()
    {
        var json = new JObject
        {
            ["documentType"] = DocumentType,
            ["addendumId"] = AddendumId,
            ["certificateId"] = CertificateId,
            ["certificateSha256"] = CertificateSha256,
            ["requestId"] = RequestId,
            ["subjectReference"] = SubjectReference,
            ["legalEntity"] = StatedOutcomes.ToJson(LegalEntity),
            ["reason"] = Reason.ToWire(),
            ["executedOn"] = WireFormat.Date(ExecutedOn),
            ["language"] = Language,
            ["systems"] = StatedOutcomes.ToJson(Systems),
        };
        StatedDocument.WriteAuditHead(json, AuditHead);
        json["issuedAt"] = WireFormat.Timestamp(IssuedAt);
        return json;
    }

    /// <summary>The signed body of an envelope as stored (no signature check: the caller verifies separately).</summary>
    /// <exception cref="JsonException">Not an envelope.</exception>
    public static JObject ReadBody(string envelopeJson) =>
        EnvelopeJson.ParseObject(envelopeJson)[SignedEnvelope.BodyProperty] as JObject
        ?? throw new JsonReaderException($"The envelope has no \"{SignedEnvelope.BodyProperty}\" object.");

    /// <summary>Lowercase hex SHA-256 of the canonical form of a signed body: what an addendum references.</summary>
    public static string BodySha256(JObject body) => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.ToUtf8Bytes(body)));

    /// <summary>Whether a (verified) addendum body names this (verified) certificate body.</summary>
    public static bool References(JObject addendum, JObject certificate) =>
        string.Equals(addendum.Value<string>("documentType"), DocumentType, StringComparison.Ordinal)
        && string.Equals(addendum.Value<string>("certificateId"), certificate.Value<string>("certificateId"), StringComparison.Ordinal)
        && string.Equals(addendum.Value<string>("certificateSha256"), BodySha256(certificate), StringComparison.Ordinal);
}

/// <summary>Why the addendum was issued.</summary>
[JsonConverter(typeof(WireEnumConverter))]
public enum AddendumReason
{
    /// <summary>A category retained until a date that has passed was erased.</summary>
    [EnumMember(Value = "retention-ended")]
    RetentionEnded,

    /// <summary>Re-verification found the subject again after the erasure, and the entity erased again.</summary>
    [EnumMember(Value = "found-again")]
    FoundAgain,
}
