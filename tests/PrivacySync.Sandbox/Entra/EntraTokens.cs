using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PrivacySync.Sandbox.Entra;

/// <summary>
/// Signs access tokens RS256 with a key generated when the simulator starts (published in the JWKS under its kid), in
/// the v2.0 shape Entra issues: iss {base}/{tenant}/v2.0, aud the API's client id, oid/sub/tid/azp, roles, ver 2.0.
/// Tests in the same process may sign tokens with any claims (an expired one, another audience) through <see cref="Sign"/>.
/// </summary>
public sealed class EntraTokens : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);
    private readonly RsaSecurityKey key;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public EntraTokens()
    {
        key = new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)) };
    }

    public string KeyId => key.KeyId;

    /// <summary>The public half as a JWK (kty, use, kid, n, e), for the keys endpoint.</summary>
    public JsonWebKey PublicJwk()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = key.KeyId });
        jwk.Use = "sig";
        jwk.Alg = SecurityAlgorithms.RsaSha256;
        return jwk;
    }

    /// <summary>A signed JWT with exactly these claims (iat/nbf/exp included by the caller).</summary>
    public string Sign(IDictionary<string, object> claims) => handler.CreateToken(new SecurityTokenDescriptor
    {
        Claims = claims,
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
    });

    /// <summary>The claims of a v2.0 access token from this issuer for <paramref name="audience"/>, valid from now for <paramref name="lifetime"/>.</summary>
    public static Dictionary<string, object> Claims(string issuer, string tenantId, string audience, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        ["iss"] = issuer,
        ["aud"] = audience,
        ["tid"] = tenantId,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["nbf"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(),
        ["ver"] = "2.0",
        ["uti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
    };

    public void Dispose() => rsa.Dispose();
}
