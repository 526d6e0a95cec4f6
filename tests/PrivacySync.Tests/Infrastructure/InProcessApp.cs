using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PrivacySync.Functions;

namespace PrivacySync.Tests.Infrastructure;

/// <summary>
/// The app's services and start-up checks (<see cref="PrivacySyncServiceCollectionExtensions.AddPrivacySync"/>) in a plain
/// generic host in the test process — what the worker runs before it takes invocations, without the Functions host.
/// </summary>
public sealed class InProcessApp(IReadOnlyDictionary<string, string?> settings) : IAsyncDisposable
{
    private IHost? host;
    private bool started;

    public IServiceProvider Services => host?.Services ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>Builds and starts it; a configuration problem throws here, as it stops the worker.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["PrivacySync:Telemetry:LocalExporter"] = "none" });
        builder.Services.AddPrivacySync(builder.Configuration);
        host = builder.Build();
        await host.StartAsync(ct);
        started = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null && !started)
        {
            // A start that failed while the hosted services were being created leaves nothing to stop.
            host.Dispose();
            return;
        }

        if (host is not null)
        {
            try
            {
                await host.StopAsync(TimeSpan.FromSeconds(5));
            }
            catch (OperationCanceledException)
            {
                // Stopping a host whose start failed may be cancelled; nothing is left running.
            }

            host.Dispose();
        }
    }
}
