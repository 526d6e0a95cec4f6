using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Functions.Teams;

/// <summary>
/// Expands an Adaptive Card template (infra/teams/cards) with its data, in the subset of the Adaptive Cards Templating
/// language the templates use: <c>${path}</c> (a whole string keeps the value's type, inside text it becomes text),
/// <c>$data</c> on an array element repeats it once per item, <c>$when</c> keeps an element only when true, and
/// <c>$root.path</c> reaches the card's data from inside a repeat. The browser tests expand the same templates with
/// adaptivecards-templating and require the same card, so the subset means what the official engine means.
/// </summary>
public sealed partial class CardTemplate
{
    private readonly JObject template;

    public CardTemplate(string name, JObject template)
    {
        Name = name;
        this.template = template;
    }

    public string Name { get; }

    public JObject Expand(JObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var scope = new Scope(data, data);
        return (JObject)(ExpandToken(template, scope) ?? throw new InvalidOperationException($"Card template {Name} expanded to nothing."));
    }

    private JToken? ExpandToken(JToken token, Scope scope) => token switch
    {
        JObject obj => ExpandObject(obj, scope),
        JArray array => ExpandArray(array, scope),
        JValue { Type: JTokenType.String } value => ExpandString((string)value!, scope),
        _ => token.DeepClone(),
    };

    private JObject? ExpandObject(JObject obj, Scope scope)
    {
        if (obj.TryGetValue("$when", out var when) && !IsTrue(ExpandToken(when, scope)))
        {
            return null;
        }

        var result = new JObject();
        foreach (var property in obj.Properties())
        {
            if (property.Name is "$when" or "$data")
            {
                continue;
            }

            var value = ExpandToken(property.Value, scope);
            if (value is not null)
            {
                result[property.Name] = value;
            }
        }

        return result;
    }

    private JArray ExpandArray(JArray array, Scope scope)
    {
        var result = new JArray();
        foreach (var item in array)
        {
            if (item is JObject element && element.TryGetValue("$data", out var binding))
            {
                var items = ExpandToken(binding, scope);
                IEnumerable<JToken> eachItem = items is JArray list ? list : items is null ? [] : [items];
                foreach (var each in eachItem)
                {
                    if (ExpandObject(element, scope with { Current = each }) is { } repeated)
                    {
                        result.Add(repeated);
                    }
                }

                continue;
            }

            if (ExpandToken(item, scope) is { } expanded)
            {
                result.Add(expanded);
            }
        }

        return result;
    }

    private static JToken ExpandString(string text, Scope scope)
    {
        var whole = Expression().Match(text);
        if (whole.Success && whole.Length == text.Length)
        {
            return Resolve(whole.Groups[1].Value, scope)?.DeepClone() ?? JValue.CreateString(text);
        }

        return JValue.CreateString(Expression().Replace(text, m => Resolve(m.Groups[1].Value, scope) switch
        {
            null => m.Value,
            JValue { Type: JTokenType.Boolean } b => (bool)b ? "true" : "false",
            JValue v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? "",
            var other => other.ToString(Newtonsoft.Json.Formatting.None),
        }));
    }

    /// <summary>A path such as <c>entity.name</c>, <c>$root.statusUrl</c> or <c>$data</c>; null when nothing is there.</summary>
    private static JToken? Resolve(string path, Scope scope)
    {
        var parts = path.Trim().Split('.');
        JToken? current = parts[0] switch
        {
            "$root" => scope.Root,
            "$data" => scope.Current,
            _ => scope.Current[parts[0]],
        };
        foreach (var part in parts.Skip(1))
        {
            current = current is JObject obj ? obj[part] : null;
        }

        // A missing value leaves the expression in place, as the official engine does; templates never rely on it.
        return current is null || current.Type == JTokenType.Null ? null : current;
    }

    private static bool IsTrue(JToken? value) => value is JValue { Type: JTokenType.Boolean } b && (bool)b;

    private sealed record Scope(JToken Root, JToken Current);

    [GeneratedRegex(@"\$\{([A-Za-z$][A-Za-z0-9_.$]*)\}")]
    private static partial Regex Expression();
}
