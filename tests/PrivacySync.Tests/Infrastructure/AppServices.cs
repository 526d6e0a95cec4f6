using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Storage;

namespace PrivacySync.Tests.Infrastructure;

/// <summary>
/// The app's own services (stores, queues, lifecycle, download links) built in the test process from the same settings
/// the app under the host runs with: what a test reads or seeds in storage, it reads and writes as the app does.
/// Hosted start-up checks are not run here; the app runs them.
/// </summary>
public sealed class AppServices : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public AppServices(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPrivacySyncStorage(configuration);
        services.AddPrivacySyncOrchestration(configuration);
        provider = services.BuildServiceProvider();
    }

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
