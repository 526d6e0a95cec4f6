using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PrivacySync.Functions.Auth;

/// <summary>A token that passed validation: who it names and the app roles it carries.</summary>
public sealed record ValidatedToken(string ObjectId, string? AppId, IReadOnlySet<string> Roles);

/// <summary>The result of checking a bearer token: the token, or why it is refused (a message for the caller).</summary>
public sealed record TokenCheck(ValidatedToken? Token, string? Problem, bool MetadataUnavailable = false)
{
    public static TokenCheck Refused(string problem) => new(null, problem);
}

/// <summary>
/// Validates Entra ID access tokens against the tenant's OpenID metadata (issuer and signing keys, fetched and cached
/// by Microsoft.IdentityModel's configuration manager, refreshed when a token names a key it does not know): RS256
/// signature, issuer, audience (the API's client id or application id URI) and lifetime.
/// </summary>
public sealed class BearerTokens
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    private readonly AzureAdOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BearerTokens(IOptions<AzureAdOptions> options, IHttpClientFactory http)
    {
        _options = options.Value;
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
            _options.MetadataAddress,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http.CreateClient(nameof(BearerTokens))) { RequireHttps = !_options.IsLoopback });
    }

    public async Task<TokenCheck> ValidateAsync(string token, CancellationToken ct)
    {
        if (!_handler.CanReadToken(token))
        {
            return TokenCheck.Refused("is not a JSON Web Token");
        }

        for (var attempt = 1; ; attempt++)
        {
            OpenIdConnectConfiguration metadata;
            try
            {
                metadata = await _metadata.GetConfigurationAsync(ct);
            }
            catch (InvalidOperationException)
            {
                return new TokenCheck(null, "cannot be checked now: the tenant's OpenID metadata is unreachable", MetadataUnavailable: true);
            }

            var result = await _handler.ValidateTokenAsync(token, Parameters(metadata));
            if (result.IsValid)
            {
                return Read(result.SecurityToken) is { } valid ? new TokenCheck(valid, null) : TokenCheck.Refused("names no account (no oid or sub claim)");
            }

            // A key the cached metadata does not hold may be a rolled-over one: refresh once, then refuse.
            if (attempt == 1 && result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                _metadata.RequestRefresh();
                continue;
            }

            return TokenCheck.Refused(Describe(result.Exception));
        }
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration metadata) => new()
    {
        ValidIssuer = metadata.Issuer,
        ValidAudiences = _options.ValidAudiences,
        IssuerSigningKeys = metadata.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
    };

    private static ValidatedToken? Read(SecurityToken token)
    {
        if (token is not JsonWebToken jwt)
        {
            return null;
        }

        // Entra always sends oid (the account's object id); sub is the fallback the OpenID standard guarantees.
        var objectId = Text(jwt, "oid") ?? Text(jwt, "sub");
        if (objectId is null)
        {
            return null;
        }

        // An array claim arrives as one claim per value.
        var roles = jwt.Claims.Where(c => c.Type == "roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new ValidatedToken(objectId, Text(jwt, "azp") ?? Text(jwt, "appid"), roles);
    }

    private static string? Text(JsonWebToken jwt, string name) =>
        jwt.TryGetPayloadValue<string>(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "has expired; get a new token",
        SecurityTokenNotYetValidException => "is not valid yet",
        SecurityTokenInvalidAudienceException => "is for another audience (not this API's client id or application id URI)",
        SecurityTokenInvalidIssuerException => "was issued by another issuer or tenant",
        SecurityTokenNoExpirationException => "has no expiry",
        SecurityTokenInvalidAlgorithmException => "is not signed with RS256",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "has a signature that the tenant's keys do not verify",
        _ => "is not a valid access token",
    };
}
