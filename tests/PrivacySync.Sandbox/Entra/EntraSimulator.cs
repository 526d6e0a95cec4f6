using Microsoft.Extensions.DependencyInjection.Extensions;
using PrivacySync.Sandbox.Hosting;

namespace PrivacySync.Sandbox.Entra;

/// <summary>
/// An Entra ID-like issuer for one tenant: OpenID metadata (<c>/{tenant}/v2.0/.well-known/openid-configuration</c>),
/// its JWKS (<c>/{tenant}/discovery/v2.0/keys</c>) and the v2.0 token endpoint (<c>/{tenant}/oauth2/v2.0/token</c>) with
/// the client-credentials grant (app identities such as the Teams flow) and the resource-owner password grant (a
/// script signs an officer in; sandbox only — officers sign in interactively against the real tenant). Tokens are
/// RS256 with a key generated at start. Applications and users are created through <c>/sandbox/{tenant}/…</c>.
/// </summary>
public sealed class EntraSimulator(EntraSimulatorOptions? options = null) : ISimulator
{
    public string Name => "entra";

    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options ?? new EntraSimulatorOptions());
        services.AddSingleton<EntraTokens>();
        services.AddSingleton<EntraDirectory>();
    }

    public void Map(WebApplication app)
    {
        EntraEndpoints.Map(app);
        EntraAdminEndpoints.Map(app);
    }
}
