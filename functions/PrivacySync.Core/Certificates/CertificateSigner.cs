using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Certificates;

/// <summary>Signs documents into the <see cref="SignedEnvelope"/> format with an ECDSA P-256 private key (ES256).</summary>
public sealed class CertificateSigner
{
    private readonly ECDsa privateKey;

    /// <exception cref="ArgumentException">The key is not a P-256 private key.</exception>
    public CertificateSigner(ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        // A wrong-curve key fails here rather than producing signatures no ES256 verifier accepts.
        CertificateKeys.RequireP256(privateKey);
        this.privateKey = privateKey;
        KeyId = CertificateKeys.KeyId(privateKey);
    }

    public string KeyId { get; }

    /// <summary>Returns the signed envelope as indented JSON.</summary>
    public string Sign(ISignableDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Sign(document.ToJson());
    }

    /// <summary>Returns the signed envelope of <paramref name="body"/> as indented JSON.</summary>
    public string Sign(JObject body)
    {
        ArgumentNullException.ThrowIfNull(body);

        // Sign the body exactly as a verifier will read it back from the envelope text, so that values whose JSON
        // form differs from their in-memory form (dates, decimals) cannot make a correct signature fail.
        var transmitted = EnvelopeJson.ParseObject(body.ToString(Formatting.None));
        var signature = privateKey.SignData(
            CanonicalJson.ToUtf8Bytes(transmitted),
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        var envelope = new JObject
        {
            [SignedEnvelope.BodyProperty] = transmitted,
            [SignedEnvelope.SignatureProperty] = new JObject
            {
                ["algorithm"] = SignedEnvelope.Algorithm,
                ["keyId"] = KeyId,
                ["value"] = Convert.ToBase64String(signature),
            },
        };
        return envelope.ToString(Formatting.Indented);
    }
}
