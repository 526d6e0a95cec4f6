using Azure.Core;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>
/// Credential kind "static-token": hands out a fixed bearer token read from the system's credential reference.
/// ONLY for the sandbox Graph simulator (local demo, tests), which issues tokens but has no token endpoint. Never use
/// it against a real tenant: real Graph tokens expire within about an hour and this credential cannot renew them.
/// </summary>
internal sealed class SandboxTokenCredential(string token) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
