using System.Diagnostics;
using Newtonsoft.Json.Linq;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Teams;

/// <summary>
/// The app expands the card templates itself; the official engine (npm adaptivecards-templating) must make the same
/// card of every template with the same data, so the templates mean what the Adaptive Cards Templating language says.
/// </summary>
public sealed class TemplateParityTests
{
    [Fact]
    public async Task AppExpandsEveryTemplateAsTheOfficialTemplatingEngineDoes()
    {
        var names = CardGallery.Names;
        var inputs = new JArray(names.Select(name =>
        {
            var data = CardGallery.Data(name);
            return new JObject { ["template"] = JObject.Parse(File.ReadAllText(RepositoryFiles.PathOf($"infra/teams/cards/{data.Card}.json"))), ["data"] = CardGallery.Templates.DataOf(data) };
        }));

        var official = await ExpandWithNodeAsync(inputs);

        Assert.Equal(names.Count, official.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var ours = CardGallery.Templates.Render(CardGallery.Data(names[i]));
            Assert.True(JToken.DeepEquals(official[i], ours), $"{names[i]}: the app's card differs from adaptivecards-templating's{Environment.NewLine}app: {ours}{Environment.NewLine}official: {official[i]}");
        }
    }

    private static async Task<JArray> ExpandWithNodeAsync(JArray inputs)
    {
        var start = new ProcessStartInfo("node", [RepositoryFiles.PathOf("tests/PrivacySync.Tests/Teams/expand-cards.js")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.PathOf("."),
        };
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync(inputs.ToString());
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, await errors);
        return JArray.Parse(await output);
    }
}
