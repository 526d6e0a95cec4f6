using Azure.Core;

namespace PrivacySync.Tests.Connectors.Microsoft365;

/// <summary>The unit seam for Entra ID: hands out a token the Graph simulator issued, for any scope.</summary>
internal sealed class StaticTokenCredential(string token) : TokenCredential
{
    public int Requests { get; private set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Requests++;
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
