using Microsoft.Playwright;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Teams;

/// <summary>
/// Renders Adaptive Cards the way a Teams client does, with the official renderer (npm adaptivecards 3.0.6) in headless
/// Chromium (Debian's chromium, driven through Playwright): one browser for many cards, a fresh page per card.
/// </summary>
public sealed class CardBrowser : IAsyncDisposable
{
    /// <summary>The card's width: Teams on a phone, the narrowest place a card must fit.</summary>
    public const int Width = 400;

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly string page;

    private CardBrowser(IPlaywright playwright, IBrowser browser, string page)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.page = page;
    }

    /// <summary>The system Chromium: PRIVACYSYNC_CHROMIUM, else Debian's /usr/bin/chromium.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("PRIVACYSYNC_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <param name="nodeModules">The repository's node_modules (npm ci installs adaptivecards there).</param>
    public static async Task<CardBrowser> LaunchAsync(string nodeModules)
    {
        var renderer = Path.Combine(nodeModules, "adaptivecards", "dist", "adaptivecards.min.js");
        if (!File.Exists(renderer))
        {
            throw new FileNotFoundException($"The Adaptive Cards renderer is not installed ({renderer}); run npm ci.", renderer);
        }

        if (!File.Exists(ChromiumPath))
        {
            throw new FileNotFoundException($"Chromium is not installed at {ChromiumPath} (apt-get install chromium).", ChromiumPath);
        }

        var html = $$"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><style>
              body { margin: 0; padding: 8px; background: #f5f5f5; font-family: 'DejaVu Sans', sans-serif; }
              #card { width: {{Width}}px; background: #fff; border: 1px solid #ddd; }
            </style>
            <script>{{await File.ReadAllTextAsync(renderer)}}</script>
            <script>{{PageScript}}</script>
            </head><body><div id="card"></div></body></html>
            """;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            });
            return new CardBrowser(playwright, browser, html);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Finds the repository's node_modules from <paramref name="start"/> upwards.</summary>
    public static string FindNodeModules(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "node_modules", "adaptivecards");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(dir.FullName, "node_modules");
            }
        }

        throw new DirectoryNotFoundException($"No node_modules with adaptivecards above {start}; run npm ci in the repository.");
    }

    /// <summary>Renders <paramref name="card"/> on a new page; dispose the result to close the page.</summary>
    public async Task<RenderedCard> RenderAsync(JObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = Width + 40, Height = 900 } });
        var tab = await context.NewPageAsync();
        var console = new List<string>();
        tab.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                console.Add($"{message.Type}: {message.Text}");
            }
        };
        tab.PageError += (_, error) => console.Add($"page error: {error}");
        await tab.SetContentAsync(page);
        var events = await tab.EvaluateAsync<string>("json => JSON.stringify(window.renderCard(JSON.parse(json)))", card.ToString(Formatting.None));
        var problems = JArray.Parse(events).Select(e => (string)e!).Concat(console).ToList();
        return new RenderedCard(context, tab, problems);
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    // Parse and validation events are the renderer's errors and warnings; every Action reports what it would do.
    private const string PageScript = """
        window.actions = [];
        // Teams renders the cards' text itself; like any host it must say how. Plain text, HTML-escaped: the cards use no markdown.
        AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
          const div = document.createElement('div');
          div.textContent = text;
          result.outputHtml = div.innerHTML;
          result.didProcess = true;
        };
        window.renderCard = function (json) {
          const problems = [];
          const card = new AdaptiveCards.AdaptiveCard();
          const context = new AdaptiveCards.SerializationContext();
          card.parse(json, context);
          for (let i = 0; i < context.eventCount; i++) {
            const e = context.getEventAt(i);
            problems.push('parse: ' + e.message);
          }
          const validation = card.validateProperties();
          for (const e of validation.validationEvents) {
            problems.push('validation: ' + e.message);
          }
          card.onExecuteAction = function (action) {
            window.actions.push({
              type: action.getJsonTypeName(),
              title: action.title || null,
              url: action.url || null,
              data: action.data === undefined ? null : action.data,
            });
          };
          const element = card.render();
          if (!element) { problems.push('render: the card rendered nothing'); return problems; }
          document.getElementById('card').replaceChildren(element);
          return problems;
        };
        // Text that does not fit: cut by an ellipsis or hidden overflow, or reaching past the card's right edge.
        window.clippedText = function () {
          const root = document.getElementById('card');
          const right = root.getBoundingClientRect().right;
          const clipped = [];
          for (const el of root.querySelectorAll('*')) {
            const text = (el.innerText || '').trim();
            if (!text || el.children.length > 0 && !el.classList.contains('ac-textBlock')) continue;
            const style = getComputedStyle(el);
            const hides = style.overflowX === 'hidden' || style.overflow === 'hidden' || style.textOverflow === 'ellipsis';
            const wide = el.scrollWidth > el.clientWidth + 1;
            const tall = el.scrollHeight > el.clientHeight + 1 && style.overflowY === 'hidden';
            if ((hides && wide) || tall || el.getBoundingClientRect().right > right + 1) clipped.push(text.slice(0, 80));
          }
          return clipped;
        };
        """;
}

/// <summary>A card rendered on its own page: what the renderer reported, and the page to look at or click in.</summary>
public sealed class RenderedCard(IBrowserContext context, IPage page, IReadOnlyList<string> problems) : IAsyncDisposable
{
    /// <summary>The renderer's parse and validation events and the page's console errors and warnings.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    public IPage Page { get; } = page;

    public ILocator Card => Page.Locator("#card");

    /// <summary>The texts that do not fit the card's width (or are cut off).</summary>
    public async Task<IReadOnlyList<string>> ClippedTextAsync() =>
        await Page.EvaluateAsync<string[]>("() => window.clippedText()");

    public Task ScreenshotAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return Card.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
    }

    /// <summary>Every action the card executed so far, as the renderer hands it to the host (Teams): type, title, url, data.</summary>
    public async Task<JArray> ActionsAsync() =>
        JArray.Parse(await Page.EvaluateAsync<string>("() => JSON.stringify(window.actions)"));

    /// <summary>Clicks the button titled <paramref name="title"/>.</summary>
    public Task ClickAsync(string title) => Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = title, Exact = true }).ClickAsync();

    public async ValueTask DisposeAsync()
    {
        await Page.CloseAsync();
        await context.DisposeAsync();
    }
}
