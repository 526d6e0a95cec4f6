using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Teams;

namespace PrivacySync.Tests.Teams;

/// <summary>Every card in every language (nb, sv, en), rendered by the official Adaptive Cards renderer in headless Chromium at 400 px.</summary>
public sealed class TeamsCardRenderingTests(CardBrowserFixture fixture)
{
    public static TheoryData<string> Cards() => [.. CardGallery.Names];

    [Theory]
    [MemberData(nameof(Cards))]
    public async Task CardRendersWithoutErrorsOrWarningsAndItsTextFitsAt400Pixels(string name)
    {
        var card = CardGallery.Templates.Render(CardGallery.Data(name));
        var browser = await fixture.BrowserAsync();

        await using var rendered = await browser.RenderAsync(card);
        await rendered.ScreenshotAsync(CardBrowserFixture.ScreenshotPath(name));

        Assert.Empty(rendered.Problems);
        Assert.Empty(await rendered.ClippedTextAsync());
        Assert.True(await rendered.Card.Locator(".ac-adaptiveCard").CountAsync() == 1, "the renderer drew no card");
        Assert.DoesNotContain("${", card.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public void CardIsVersion15AndEveryButtonOpensAUrlOrAnswersTheFlow(string name)
    {
        var data = CardGallery.Data(name);
        var card = CardGallery.Templates.Render(data);

        Assert.Equal("1.5", (string?)card["version"]);
        var actions = card.Descendants().OfType<JObject>().Where(o => ((string?)o["type"])?.StartsWith("Action.", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Contains((string?)a["type"], new[] { "Action.OpenUrl", "Action.Submit" }));
        var submits = actions.Where(a => (string?)a["type"] == "Action.Submit").ToList();
        Assert.True(submits.Count == 0 || CardNames.AwaitingResponse.Contains(data.Card) || data.Card == CardNames.RequestForm,
            $"{name}: only the form and the cards the approval flow waits on answer the flow");
        // No card carries a working download link: outputs are issued to the officer who asks.
        Assert.DoesNotContain("/output", card.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sig=", card.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
