using PrivacySync.Connectors.Common;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Hr.Rest;

/// <summary>
/// Kind "hr-rest": the signing key is resolved once per system; each task gets a connector over a
/// pooled HttpClient. The connector implements <see cref="IIdempotentEraser"/>, so the task runner sends one
/// Idempotency-Key per task.
/// </summary>
public sealed class HrRestConnectorKind(ConnectorSettings settings, IHttpClientFactory http, TimeProvider time)
    : ConnectorKind<HrRestConnectorOptions>(KindName, HrRestConnectorRules.Check), IDisposable
{
    public const string KindName = HrRestConnector.ConnectorKind;

    public const string HttpClientName = "privacysync-hr-rest";

    private readonly SystemCache<HrRestOptions> options = new();

    public override async ValueTask<IConnector> CreateAsync(SystemOptions system, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var resolved = await options.GetAsync(system.Id!, _ => Task.FromResult(OptionsFor(system)), cancellationToken).ConfigureAwait(false);
        return new HrRestConnector(http.CreateClient(HttpClientName), resolved, time);
    }

    public void Dispose() => options.Dispose();

    private HrRestOptions OptionsFor(SystemOptions system)
    {
        var key = settings.OptionalKey(system, system.CredentialReference, "CredentialReference", "the HMAC signing key shared with the system")
            ?? throw new PermanentConnectorException($"Systems '{system.Id}': CredentialReference is not configured; it must name the app setting holding the signing key.");
        var resolved = new HrRestOptions { BaseAddress = new Uri(system.Endpoint!), SigningKey = key, SystemName = system.DisplayName ?? system.Id! };
        return SettingsOf(system).PageSize is { } pageSize ? resolved with { PageSize = pageSize } : resolved;
    }
}
