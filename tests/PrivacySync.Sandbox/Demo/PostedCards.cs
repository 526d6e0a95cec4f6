using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Cli;
using PrivacySync.Sandbox.Teams;

namespace PrivacySync.Sandbox.Demo;

/// <summary>
/// The cards the demo's requests posted to the privacy channel (the sandbox's Workflows webhook sink), rendered by
/// the official Adaptive Cards renderer in headless Chromium into out/cards/ (PNG and the card's JSON).
/// </summary>
internal static class PostedCards
{
    /// <summary>Waits until each request's completion card has arrived, then renders every card about those requests.</summary>
    public static async Task WriteAsync(Uri sink, IReadOnlyList<string> requestIds, DirectoryInfo folder, TextWriter output, CancellationToken ct)
    {
        using var api = new JsonApi("Teams webhook sink", sink);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<JObject> cards;
        while (true)
        {
            var posts = (JArray)(await api.GetAsync("/sandbox/teams/posts", ct))["posts"]!;
            cards = posts.Children<JObject>()
                .Select(p => (JObject)p["body"]!["attachments"]![0]!)
                .Where(a => requestIds.Any(id => a["content"]!.ToString().Contains(id, StringComparison.Ordinal)))
                .ToList();
            var completed = requestIds.All(id => cards.Any(a => (string?)a["name"] == "request-completed" && a["content"]!.ToString().Contains(id, StringComparison.Ordinal)));
            if (completed)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("the requests' completion cards did not reach the Teams channel within 60 s; posted: "
                    + string.Join(", ", cards.Select(c => (string?)c["name"])));
            }

            await Task.Delay(250, ct);
        }

        var target = Directory.CreateDirectory(Path.Combine(folder.FullName, "cards"));
        output.WriteLine();
        output.WriteLine($"4. Cards posted to the privacy channel (the Workflows webhook), rendered by the Adaptive Cards renderer in Chromium into {Path.GetRelativePath(Environment.CurrentDirectory, target.FullName)}/:");
        await using var browser = await CardBrowser.LaunchAsync(CardBrowser.FindNodeModules(Environment.CurrentDirectory));
        for (var i = 0; i < cards.Count; i++)
        {
            var name = $"{i + 1:00}-{(string?)cards[i]["name"]}";
            var card = (JObject)cards[i]["content"]!;
            await File.WriteAllTextAsync(Path.Combine(target.FullName, name + ".json"), card.ToString(), ct);
            await using var rendered = await browser.RenderAsync(card);
            await rendered.ScreenshotAsync(Path.Combine(target.FullName, name + ".png"));
            var problems = rendered.Problems.Count == 0 ? "" : $"  (renderer: {string.Join("; ", rendered.Problems)})";
            output.WriteLine($"   {name}.png{problems}");
        }
    }
}
