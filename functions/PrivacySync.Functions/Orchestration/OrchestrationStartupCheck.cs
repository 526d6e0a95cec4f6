using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Delivery;
using PrivacySync.Storage.Stores;

namespace PrivacySync.Functions.Orchestration;

/// <summary>
/// Fails start-up, with a message naming the setting, when the configuration document (checked against the installed
/// connector kinds) or a secret this process needs is unusable — rather than at the first request. The signing key and
/// subject salt are needed only where results are collected (or the API publishes the key), the link secret only where
/// the API is served, the package key where packages are written or served — which functions run here is what their <c>AzureWebJobs.&lt;Name&gt;.Disabled</c> switches say, so an
/// on-premises task host carries none of them. Creates the stores' tables and containers. The document and key are taken
/// lazily, so that their problem is thrown here as one message rather than wrapped by the container.
/// </summary>
internal sealed class OrchestrationStartupCheck(
    Lazy<PrivacySyncOptions> options,
    Lazy<SigningKey> signingKey,
    IServiceProvider services,
    StoreInitializer stores,
    IConfiguration configuration,
    IOptions<OrchestrationOptions> settings) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = options.Value;
        _ = services.GetRequiredService<AuditChain>(); // every process appends audit events
        services.GetRequiredService<FaultPoints>().EnsureAllowed(configuration);
        FunctionTimeout.EnsureAbove(FunctionTimeout.Read(configuration), settings.Value.TaskTimeout);
        var servesApi = FunctionSwitches.AnyEnabled(configuration, FunctionNames.Api);
        var collects = !FunctionSwitches.IsDisabled(configuration, FunctionNames.CollectResults);
        if (FunctionSwitches.AnyEnabled(configuration, FunctionNames.Signing))
        {
            _ = signingKey.Value; // signs certificates; the API publishes its public key
        }

        if (collects && string.IsNullOrEmpty(settings.Value.SubjectSalt))
        {
            throw new InvalidOperationException("PrivacySync:SubjectSalt must be set (32+ bytes) where results are collected (queue dsr-collect).");
        }

        if (servesApi && string.IsNullOrEmpty(settings.Value.LinkSecret))
        {
            throw new InvalidOperationException("PrivacySync:LinkSecret must be set (32+ bytes) where the HTTP API is served.");
        }

        if ((collects || servesApi) && string.IsNullOrEmpty(settings.Value.PackageKey))
        {
            throw new InvalidOperationException($"{PackageKey.SettingName} must be set (32+ bytes) where export packages are written or served (queue dsr-collect, the HTTP API).");
        }

        if (SecretSettings.Problems(configuration, options.Value) is { Count: > 0 } secrets)
        {
            throw new InvalidOperationException("Secrets: " + string.Join(" ", secrets));
        }

        await stores.EnsureCreatedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
