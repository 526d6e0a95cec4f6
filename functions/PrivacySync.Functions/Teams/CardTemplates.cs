using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// The card templates beside the app (teams/cards/&lt;name&gt;.json, copied from infra/teams/cards at build) and the
/// notification cards' words (<see cref="CardTexts"/>), read once.
/// </summary>
public sealed class CardTemplates(string folder)
{
    private readonly ConcurrentDictionary<string, CardTemplate> templates = new(StringComparer.Ordinal);
    private readonly Lazy<CardTexts> texts = new(() => new CardTexts(Read(folder, CardTexts.TextFile), Read(folder, RequestFormBuilder.TextFile)));

    /// <summary>The templates shipped with the app.</summary>
    public static CardTemplates Shipped { get; } = new(Path.Combine(AppContext.BaseDirectory, "teams", "cards"));

    public string Folder => folder;

    public CardTexts Texts => texts.Value;

    public CardTemplate Get(string name) => templates.GetOrAdd(name, n => new CardTemplate(n, Read(folder, n + ".json")));

    /// <summary>The card for <paramref name="data"/>: its template expanded with its values (and, for a notification, its words).</summary>
    public JObject Render(CardData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Get(data.Card).Expand(DataOf(data));
    }

    /// <summary>What the template is given: the values, and a notification's words in its language.</summary>
    public JObject DataOf(CardData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var json = data.ToJson();
        if (data is NotificationCard notification)
        {
            var text = Texts.For(notification.Language);
            notification.Localize(json, text);
            json["text"] = text.ForCard(notification.Card, notification.Words(text));
        }

        return json;
    }

    /// <summary>A JSON file beside the templates (the form's texts).</summary>
    public JObject ReadData(string fileName) => Read(folder, fileName);

    private static JObject Read(string folder, string fileName) => JObject.Parse(File.ReadAllText(Path.Combine(folder, fileName)));
}
