namespace PrivacySync.Core.Certificates;

/// <summary>
/// The envelope both signed document kinds share:
/// <c>{ "certificate": {...}, "signature": { "algorithm": "ES256", "keyId": "...", "value": "..." } }</c>.
/// The value is base64 of the IEEE P1363 (r||s, 64 bytes) ECDSA P-256 signature over the SHA-256 of the
/// canonical form (<see cref="CanonicalJson"/>) of the "certificate" object; keyId is unsigned and only a hint.
/// </summary>
public static class SignedEnvelope
{
    public const string BodyProperty = "certificate";
    public const string SignatureProperty = "signature";
    public const string Algorithm = "ES256";
    public const int SignatureBytes = 64;
}
