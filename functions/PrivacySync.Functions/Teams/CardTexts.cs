using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// The notification cards' words in nb, sv and en: notifications.text.json beside the templates (labels, statuses,
/// outcomes, days, findings, counts and one section per card), with the request types and verification methods named
/// as the request form names them (request-form.text.json), so each is translated once.
/// </summary>
public sealed class CardTexts
{
    public const string TextFile = "notifications.text.json";

    private readonly Dictionary<string, CardText> languages;

    public CardTexts(JObject notifications, JObject form)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(form);
        languages = notifications.Properties().ToDictionary(
            p => p.Name,
            p => new CardText(p.Name, (JObject)p.Value, (JObject?)form[p.Name] ?? []),
            StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Languages => languages.Keys;

    /// <summary>The words in <paramref name="language"/>; English for a language the file lacks.</summary>
    public CardText For(string language) =>
        languages.TryGetValue(language, out var text) ? text : languages.TryGetValue("en", out var english) ? english : languages.Values.First();
}

/// <summary>One language's words. A wire name without a text (a status or kind added since) reads as the wire name.</summary>
public sealed partial class CardText(string language, JObject texts, JObject form)
{
    public string Language => language;

    public JObject Texts => texts;

    /// <summary>The template's <c>text</c>: the common labels and the card's own sentences, their placeholders filled.</summary>
    public JObject ForCard(string card, IReadOnlyDictionary<string, string> words)
    {
        var result = new JObject();
        foreach (var section in new[] { texts["labels"], texts["cards"]?[card] })
        {
            if (section is not JObject obj)
            {
                continue;
            }

            foreach (var property in obj.Properties().Where(p => p.Value.Type == JTokenType.String))
            {
                result[property.Name] = Fill((string)property.Value!, words);
            }
        }

        return result;
    }

    public string RequestType(string wire) => (string?)form[wire] ?? wire;

    public string VerificationMethod(string wire) => (string?)form[wire] ?? wire;

    public string Status(string wire) => Section("status", wire);

    public string Finding(string wire) => Section("findings", wire);

    /// <summary>A text of a top-level section (status, findings, counts, …), or the key itself when there is none.</summary>
    public string Section(string section, string key) => (string?)texts[section]?[key] ?? key;

    /// <summary>A card's text (optionally in a sub-section such as headlines); null when it has none.</summary>
    public string? Find(string card, params string[] path)
    {
        JToken? current = texts["cards"]?[card];
        foreach (var part in path)
        {
            current = current is JObject obj ? obj[part] : null;
        }

        return current is JValue { Type: JTokenType.String } value ? (string)value! : null;
    }

    public string Get(string card, params string[] path) =>
        Find(card, path) ?? throw new InvalidOperationException($"{CardTexts.TextFile} has no {string.Join('/', ["cards", card, .. path])} for '{language}'.");

    /// <summary>"5 days left", "due today", "2 days late" in this language.</summary>
    public string Days(int days) => days switch
    {
        < -1 => Fill(Section("days", "late.many"), Count("days", -days)),
        -1 => Section("days", "late.one"),
        0 => Section("days", "today"),
        1 => Section("days", "left.one"),
        _ => Fill(Section("days", "left.many"), Count("days", days)),
    };

    /// <summary>One system's outcome in short: "erased 14, retained 3, 2 categories not found", or why it failed.</summary>
    public string Outcome(OutcomeLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Failed)
        {
            return Fill(Section("outcomes", "taskFailed"), new Dictionary<string, string> { ["reason"] = line.FailureReason ?? Section("outcomes", "didNotComplete") });
        }

        var parts = line.Counts.Select(c => c.Kind == "not-found"
                ? c.Count == 1 ? Section("outcomes", "not-found.one") : Fill(Section("outcomes", "not-found.many"), Count("count", c.Count))
                : texts["outcomes"]?[c.Kind] is JValue { Type: JTokenType.String } known
                    ? Fill((string)known!, Count("count", c.Count))
                    : $"{c.Kind} {c.Count.ToString(CultureInfo.InvariantCulture)}")
            .ToList();
        return parts.Count == 0 ? Section("outcomes", "nothingFound") : string.Join(", ", parts);
    }

    /// <summary>Fills <c>{name}</c> placeholders; an unknown one is left as it is (the text tests catch it).</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> words)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(words);
        return Placeholder().Replace(text, m => words.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }

    /// <summary>The placeholder names a text uses.</summary>
    public static IEnumerable<string> PlaceholdersOf(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value);

    private static Dictionary<string, string> Count(string name, long value) =>
        new(StringComparer.Ordinal) { [name] = value.ToString(CultureInfo.InvariantCulture) };

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
