using Microsoft.Extensions.Hosting;
using PrivacySync.Core.Configuration;
using PrivacySync.Storage.Stores;

namespace PrivacySync.Functions.Orchestration;

/// <summary>
/// Fails start-up, with a message naming the setting, when the configuration document, the signing key or a
/// configured system's connector kind is unusable — rather than at the first request. Creates the stores' tables
/// and containers.
/// </summary>
internal sealed class OrchestrationStartupCheck(IServiceProvider services, ConnectorRegistry connectors, StoreInitializer stores) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<PrivacySyncOptions>();
        _ = services.GetRequiredService<SigningKey>();
        var unknown = options.Systems.Where(s => !connectors.Knows(s.Kind ?? "")).Select(s => $"Systems '{s.Id}': no connector of kind '{s.Kind}' is installed").ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"PrivacySync:ConfigPath: {string.Join("; ", unknown)} (installed: {string.Join(", ", connectors.Kinds)}).");
        }

        await stores.EnsureCreatedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
