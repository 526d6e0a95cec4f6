using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Configuration;

/// <summary>
/// Subject-facing text from the configuration, in the subject's language: either one language-neutral string (a name,
/// an article citation: <c>"Bokføringsloven § 13"</c>) or an object per language (<c>{"en": "…", "nb": "…", "sv": "…"}</c>).
/// A language the object lacks reads English, and the start-up check lists such gaps.
/// </summary>
[JsonConverter(typeof(LocalizedTextConverter))]
public sealed record LocalizedText
{
    /// <summary>The languages an object may name.</summary>
    public static readonly IReadOnlyList<string> KnownLanguages = ["en", "nb", "sv"];

    public LocalizedText(string neutral)
    {
        Neutral = neutral;
        Texts = new Dictionary<string, string>();
    }

    public LocalizedText(IReadOnlyDictionary<string, string> texts)
    {
        Texts = texts;
    }

    /// <summary>The text that reads the same in every language, or null when the text is given per language.</summary>
    public string? Neutral { get; }

    public IReadOnlyDictionary<string, string> Texts { get; }

    /// <summary>Any text at all (for "is required" checks).</summary>
    public string? Any => Neutral ?? Texts.Values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    public IEnumerable<string> AllTexts => Neutral is not null ? [Neutral] : Texts.Values;

    /// <summary>The text in <paramref name="language"/> ("nb", "sv", "en"); English, then any, when it lacks one.</summary>
    public string For(string language) =>
        Neutral
        ?? (Texts.TryGetValue(language, out var text) ? text : null)
        ?? (Texts.TryGetValue("en", out var english) ? english : null)
        ?? Texts.Values.First();

    /// <summary>Whether the text reads in <paramref name="language"/> without falling back to English.</summary>
    public bool Covers(string language) => Neutral is not null || Texts.ContainsKey(language);

    public static implicit operator LocalizedText(string neutral) => new(neutral);

    public override string ToString() => Any ?? string.Empty;

    public bool Equals(LocalizedText? other) =>
        other is not null && Neutral == other.Neutral && Texts.Count == other.Texts.Count
        && Texts.All(t => other.Texts.TryGetValue(t.Key, out var v) && v == t.Value);

    public override int GetHashCode() => Neutral?.GetHashCode(StringComparison.Ordinal) ?? Texts.Count;
}

/// <summary>Reads a string or a language → text object; writes them back the same way.</summary>
public sealed class LocalizedTextConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText? ReadJson(JsonReader reader, Type objectType, LocalizedText? existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        var token = JToken.Load(reader);
        switch (token)
        {
            case JValue { Type: JTokenType.Null }:
                return null;
            case JValue { Type: JTokenType.String } value:
                return new LocalizedText((string)value!);
            case JObject obj:
                var texts = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var property in obj.Properties())
                {
                    if (!LocalizedText.KnownLanguages.Contains(property.Name, StringComparer.Ordinal))
                    {
                        throw new JsonSerializationException($"'{property.Name}' is not a language; use {string.Join(", ", LocalizedText.KnownLanguages)}");
                    }

                    if (property.Value is not JValue { Type: JTokenType.String } text || string.IsNullOrWhiteSpace((string?)text))
                    {
                        throw new JsonSerializationException($"the '{property.Name}' text must be a non-empty string");
                    }

                    texts[property.Name] = (string)text!;
                }

                if (texts.Count == 0)
                {
                    throw new JsonSerializationException("must name at least one language");
                }

                return new LocalizedText(texts);
            default:
                throw new JsonSerializationException("must be a string or an object of texts per language (en, nb, sv)");
        }
    }

    public override void WriteJson(JsonWriter writer, LocalizedText? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else if (value.Neutral is not null)
        {
            writer.WriteValue(value.Neutral);
        }
        else
        {
            new JObject(value.Texts.Select(t => new JProperty(t.Key, t.Value))).WriteTo(writer);
        }
    }
}
