using PrivacySync.Sandbox.Teams;
using PrivacySync.Tests.Core.Support;

[assembly: AssemblyFixture(typeof(PrivacySync.Tests.Teams.CardBrowserFixture))]

namespace PrivacySync.Tests.Teams;

/// <summary>One headless Chromium with the Adaptive Cards renderer for every card test (started on first use).</summary>
public sealed class CardBrowserFixture : IAsyncDisposable
{
    private readonly Lazy<Task<CardBrowser>> browser = new(() => CardBrowser.LaunchAsync(RepositoryFiles.PathOf("node_modules")));

    public Task<CardBrowser> BrowserAsync() => browser.Value;

    /// <summary>Where the screenshots go: the test output's cards/ folder.</summary>
    public static string ScreenshotPath(string name) => Path.Combine(AppContext.BaseDirectory, "TestResults", "cards", name + ".png");

    public async ValueTask DisposeAsync()
    {
        if (browser.IsValueCreated)
        {
            await (await browser.Value).DisposeAsync();
        }
    }
}
