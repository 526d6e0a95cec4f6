using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// The card templates beside the app (teams/cards/&lt;name&gt;.json, copied from infra/teams/cards at build), read once.
/// </summary>
public sealed class CardTemplates(string folder)
{
    private readonly ConcurrentDictionary<string, CardTemplate> templates = new(StringComparer.Ordinal);

    /// <summary>The templates shipped with the app.</summary>
    public static CardTemplates Shipped { get; } = new(Path.Combine(AppContext.BaseDirectory, "teams", "cards"));

    public string Folder => folder;

    public CardTemplate Get(string name) => templates.GetOrAdd(name, n =>
        new CardTemplate(n, JObject.Parse(File.ReadAllText(Path.Combine(folder, n + ".json")))));

    /// <summary>The card for <paramref name="data"/>: its template expanded with its values.</summary>
    public JObject Render(CardData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Get(data.Card).Expand(data.ToJson());
    }

    /// <summary>A JSON file beside the templates (the form's texts).</summary>
    public JObject ReadData(string fileName) => JObject.Parse(File.ReadAllText(Path.Combine(folder, fileName)));
}
