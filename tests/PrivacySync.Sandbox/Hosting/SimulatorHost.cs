namespace PrivacySync.Sandbox.Hosting;

/// <summary>Runs one simulator on Kestrel at 127.0.0.1 (port 0 = any free port). Used by tests, demo and serve.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private SimulatorHost(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Base URL without a trailing slash.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<SimulatorHost> StartAsync(
        ISimulator simulator, int port = 0, Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        simulator.ConfigureServices(builder.Services);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        simulator.Map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Urls.First();
        return new SimulatorHost(app, new Uri(address.TrimEnd('/')));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
