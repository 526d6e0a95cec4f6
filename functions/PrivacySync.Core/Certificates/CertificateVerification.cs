using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Certificates;

/// <summary>How a signed envelope fared. The CLI maps <see cref="UnusableInput"/> to exit code 2 and the two invalid outcomes to 1.</summary>
public enum VerificationStatus
{
    Valid,

    /// <summary>The signature does not match the document (or its metadata was altered): the document is not what was signed.</summary>
    Tampered,

    /// <summary>The envelope was signed with a different key than the one given.</summary>
    WrongKey,

    /// <summary>Nothing could be checked: not JSON, fields missing, another algorithm, a malformed signature or key.</summary>
    UnusableInput,
}

/// <summary>The verdict on an envelope; <see cref="Document"/> is the signed body, only when valid.</summary>
public sealed record CertificateVerification(VerificationStatus Status, string Reason, JObject? Document = null)
{
    public bool IsValid => Status == VerificationStatus.Valid;

    internal static CertificateVerification Valid(JObject document) => new(VerificationStatus.Valid, "The signature is valid.", document);

    internal static CertificateVerification Tampered(string reason) => new(VerificationStatus.Tampered, reason);

    internal static CertificateVerification WrongKey(string reason) => new(VerificationStatus.WrongKey, reason);

    internal static CertificateVerification Unusable(string reason) => new(VerificationStatus.UnusableInput, reason);
}
