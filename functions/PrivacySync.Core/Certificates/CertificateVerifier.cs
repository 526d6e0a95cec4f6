using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// Checks a <see cref="SignedEnvelope"/> against a public key. Every failure is a value: input that cannot be
/// checked at all is kept apart from a signature that does not hold, because the two mean different things to the
/// person verifying (fix your input vs. do not trust this document).
/// </summary>
public static class CertificateVerifier
{
    public static CertificateVerification Verify(string envelopeJson, string publicKeyPem)
    {
        if (string.IsNullOrWhiteSpace(envelopeJson))
        {
            return CertificateVerification.Unusable("The envelope is empty.");
        }

        ECDsa publicKey;
        try
        {
            publicKey = CertificateKeys.LoadPublicKeyPem(publicKeyPem);
        }
        catch (ArgumentException)
        {
            return CertificateVerification.Unusable("The public key is not a P-256 key in PEM form.");
        }

        using (publicKey)
        {
            return Verify(envelopeJson, publicKey);
        }
    }

    public static CertificateVerification Verify(string envelopeJson, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        try
        {
            CertificateKeys.RequireP256(publicKey);
        }
        catch (ArgumentException)
        {
            return CertificateVerification.Unusable("The public key is not on the P-256 curve that ES256 requires.");
        }

        JObject envelope;
        try
        {
            envelope = EnvelopeJson.ParseObject(envelopeJson ?? string.Empty);
        }
        catch (JsonException)
        {
            return CertificateVerification.Unusable("The envelope is not a JSON object.");
        }

        if (envelope[SignedEnvelope.BodyProperty] is not JObject body)
        {
            return CertificateVerification.Unusable($"The envelope has no \"{SignedEnvelope.BodyProperty}\" object.");
        }

        if (envelope[SignedEnvelope.SignatureProperty] is not JObject signature)
        {
            return CertificateVerification.Unusable($"The envelope has no \"{SignedEnvelope.SignatureProperty}\" object.");
        }

        if (Text(signature, "algorithm") is not { } algorithm)
        {
            return CertificateVerification.Unusable("The signature names no algorithm.");
        }

        if (!string.Equals(algorithm, SignedEnvelope.Algorithm, StringComparison.Ordinal))
        {
            return CertificateVerification.Unusable($"The signature algorithm is not {SignedEnvelope.Algorithm}.");
        }

        if (Text(signature, "keyId") is not { } keyId)
        {
            return CertificateVerification.Unusable("The signature has no keyId.");
        }

        if (Text(signature, "value") is not { } value || !TryBase64(value, out var signatureBytes))
        {
            return CertificateVerification.Unusable("The signature value is missing or not base64.");
        }

        if (signatureBytes.Length != SignedEnvelope.SignatureBytes)
        {
            return CertificateVerification.Unusable($"The signature value is not a {SignedEnvelope.SignatureBytes}-byte ES256 signature.");
        }

        byte[] canonical;
        try
        {
            canonical = CanonicalJson.ToUtf8Bytes(body);
        }
        catch (Exception e) when (e is ArgumentException or EncoderFallbackException)
        {
            return CertificateVerification.Unusable("The document holds values that have no canonical form.");
        }

        var signatureHolds = publicKey.VerifyData(canonical, signatureBytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var sameKey = string.Equals(keyId, CertificateKeys.KeyId(publicKey), StringComparison.Ordinal);
        return (signatureHolds, sameKey) switch
        {
            (true, true) => CertificateVerification.Valid(body),
            (true, false) => CertificateVerification.Tampered("The signature holds, but its keyId was altered."),
            (false, false) => CertificateVerification.WrongKey("The envelope was signed with a different key."),
            (false, true) => CertificateVerification.Tampered("The document does not match its signature: it was changed after signing."),
        };
    }

    private static string? Text(JObject obj, string name) =>
        obj[name] is JValue { Type: JTokenType.String, Value: string text } && text.Length > 0 ? text : null;

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
