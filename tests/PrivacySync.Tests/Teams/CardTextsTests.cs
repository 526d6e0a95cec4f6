using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Common;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Reconciliation;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Teams;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// The notification cards' words (infra/teams/cards/notifications.text.json): the same texts in nb, sv and en, every
/// wire name a card shows has its words, every placeholder is one the card fills, and a Norwegian or Swedish card,
/// as the renderer draws it in Chromium, shows no English beside the names and ids it quotes.
/// </summary>
public sealed partial class CardTextsTests(CardBrowserFixture fixture)
{
    /// <summary>Words a Norwegian or Swedish card shares with the English one because they are the same word there.</summary>
    private static readonly Dictionary<string, string[]> SameWord = new(StringComparer.Ordinal)
    {
        ["nb"] = ["status", "system", "type", "for", "per", "person", "art"],
        ["sv"] = ["status", "system", "per", "person", "id", "art"],
    };

    public static TheoryData<string> ForeignCards() => [.. CardGallery.ForeignNotifications];

    [Fact]
    public void EveryLanguageHasTheSameTexts()
    {
        var file = JObject.Parse(File.ReadAllText(RepositoryFiles.PathOf($"infra/teams/cards/{CardTexts.TextFile}")));

        Assert.Equal(["en", "nb", "sv"], file.Properties().Select(p => p.Name).Order(StringComparer.Ordinal));
        // Detached copies: their paths start at the language ("cards['request-received'].title").
        var en = (JObject)file["en"]!.DeepClone();
        var english = Keys(en);
        foreach (var language in new[] { "nb", "sv" })
        {
            var other = (JObject)file[language]!.DeepClone();
            var keys = Keys(other);
            Assert.True(english.SetEquals(keys), $"{language} lacks {string.Join(", ", english.Except(keys))}; has extra {string.Join(", ", keys.Except(english))}");
            Assert.All(keys, k => Assert.True(
                Placeholders((string)en.SelectToken(k)!).SequenceEqual(Placeholders((string)other.SelectToken(k)!)), $"{language} {k}: not the placeholders of en"));
            Assert.All(keys, k => Assert.False(string.IsNullOrWhiteSpace((string?)other.SelectToken(k)), $"{language} {k} is empty"));
        }
    }

    [Fact]
    public void EveryStatusOutcomeFindingTypeAndMethodHasItsWordsInEveryLanguage()
    {
        foreach (var language in new[] { "en", "nb", "sv" })
        {
            var text = CardGallery.Templates.Texts.For(language);
            Assert.Equal(language, text.Language);
            // A wire name without words reads as itself: each must be found in its section.
            Assert.All(WireNames.All<RequestStatus>(), s => Assert.NotNull(text.Texts["status"]?[s]));
            Assert.All(WireNames.All<FindingKind>(), f => Assert.NotNull(text.Texts["findings"]?[f]));
            var form = (JObject)CardGallery.Templates.ReadData(RequestFormBuilder.TextFile)[language]!;
            Assert.All(WireNames.All<RequestType>(), t => Assert.Equal((string?)form[t], text.RequestType(t)));
            Assert.All(WireNames.All<IdentityVerification>(), v => Assert.Equal((string?)form[v], text.VerificationMethod(v)));
            Assert.All(WireNames.All<OutcomeKind>(), k => Assert.NotNull(text.Texts["outcomes"]?[k == "not-found" ? "not-found.many" : k]));
        }
    }

    [Fact]
    public void TheApprovalCardIsWordedForEachTypeThatWaitsOnApprovalAndForAnyOtherByItsName()
    {
        foreach (var language in CardGallery.Languages)
        {
            var text = CardGallery.Templates.Texts.For(language);
            // A type that comes to change the subject's data (and so waits on a second officer) needs its approval words.
            Assert.All(Enum.GetValues<RequestType>().Where(RequestLifecycle.ChangesData), type => Assert.All(
                new[] { "title", "intro", "approve" },
                key => Assert.NotNull(text.Find(CardNames.ErasureApproval, "byType", type.ToWire(), key))));
            var sentences = CardGallery.ApprovalTypes.Prepend("erasure")
                .Select(type => (JObject)CardGallery.Templates.DataOf(CardGallery.Data($"{CardNames.ErasureApproval}~{type}.{language}"))["approval"]!)
                .ToList();
            // Each type its own title, intro and button; a type without words is named as the form names it.
            Assert.All(new[] { "title", "intro", "approve" }, key => Assert.Equal(sentences.Count, sentences.Select(s => (string)s[key]!).Distinct().Count()));
            Assert.Contains(text.RequestType("access"), (string)sentences[^1]["title"]!, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ForeignCards))]
    public void EveryPlaceholderIsOneTheCardFills(string name)
    {
        var data = (NotificationCard)CardGallery.Data(name);
        var text = CardGallery.Templates.Texts.For(data.Language);
        var words = data.Words(text);

        var section = (JObject?)text.Texts["cards"]![data.Card];
        var strings = new[] { (JObject)text.Texts["labels"]!, section ?? [] }.SelectMany(s => s.Descendants().OfType<JValue>()).Select(v => (string)v!);
        Assert.All(strings.SelectMany(Placeholders), p => Assert.True(words.ContainsKey(p), $"{name}: {{{p}}} is not filled"));
        var filled = ((JObject)CardGallery.Templates.DataOf(data)["text"]!).Properties().Select(p => (string?)p.Value).ToList();
        Assert.NotEmpty(filled);
        Assert.All(filled, t => Assert.Empty(CardText.PlaceholdersOf(t!)));
    }

    [Theory]
    [MemberData(nameof(ForeignCards))]
    public async Task NorwegianAndSwedishCardsShowNoEnglishBesideTheNamesAndIdsTheyQuote(string name)
    {
        var data = (NotificationCard)CardGallery.Data(name);
        var browser = await fixture.BrowserAsync();

        var foreign = await ShownWordsAsync(browser, data);
        var english = await ShownWordsAsync(browser, data with { Language = "en" });

        Assert.NotEqual("en", data.Language);
        var shared = foreign.Intersect(english).Except(SameWord[data.Language]).Order(StringComparer.Ordinal).ToList();
        Assert.True(shared.Count == 0, $"{name} shows English: {string.Join(", ", shared)}");
        Assert.True(foreign.Count > 10, $"{name}: the renderer drew almost no text");
    }

    /// <summary>The words the rendered card shows (its buttons, labels and error messages too), without what it quotes.</summary>
    private static async Task<HashSet<string>> ShownWordsAsync(PrivacySync.Sandbox.Teams.CardBrowser browser, CardData data)
    {
        var card = CardGallery.Templates.Render(data);
        await using var rendered = await browser.RenderAsync(card);
        Assert.Empty(rendered.Problems);
        var shown = await rendered.Card.InnerTextAsync();
        shown += " " + string.Join(" ", card.Descendants().OfType<JProperty>().Where(p => p.Name == "errorMessage").Select(p => (string?)p.Value));
        foreach (var quoted in CardGallery.Quoted.OrderByDescending(q => q.Length))
        {
            shown = shown.Replace(quoted, " ", StringComparison.Ordinal);
        }

        return Word().Matches(shown).Select(m => m.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> Keys(JObject language) =>
        language.Descendants().OfType<JValue>().Select(v => v.Path).ToHashSet(StringComparer.Ordinal);

    private static List<string> Placeholders(string text) => [.. CardText.PlaceholdersOf(text).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\p{L}[\p{L}'’]*")]
    private static partial Regex Word();
}
