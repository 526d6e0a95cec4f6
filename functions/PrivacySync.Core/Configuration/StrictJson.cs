using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace PrivacySync.Core.Configuration;

/// <summary>
/// Binds a configuration object where an unknown setting is an error, so a typo cannot silently disable a rule; each
/// problem is reported at its path in the document, in words an operator editing JSON understands.
/// </summary>
public static class StrictJson
{
    private static readonly DefaultContractResolver Resolver = new();

    /// <param name="at">The path of <paramref name="token"/> in the document ("" for its root).</param>
    public static T? Read<T>(JToken token, string at, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(errors);
        var settings = new JsonSerializerSettings
        {
            MissingMemberHandling = MissingMemberHandling.Error,
            DateParseHandling = DateParseHandling.None,
            Error = (_, args) =>
            {
                var context = args.ErrorContext;
                errors.Add(Join(at, context.Path), Describe(context.Error, args.CurrentObject, context.Member as string));
                context.Handled = true;
            },
        };
        return token.ToObject<T>(JsonSerializer.Create(settings));
    }

    /// <summary>The JSON names of <paramref name="type"/>'s settings.</summary>
    public static IReadOnlyCollection<string> SettingNames(Type type) =>
        Resolver.ResolveContract(type) is JsonObjectContract contract
            ? contract.Properties.Where(p => !p.Ignored).Select(p => p.PropertyName!).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : [];

    /// <summary>"Systems[0].Connector" + "Categories.deals" → "Systems[0].Connector.Categories.deals"; the root is "(root)".</summary>
    public static string Join(string at, string? path) =>
        string.IsNullOrEmpty(path) ? (string.IsNullOrEmpty(at) ? "(root)" : at)
        : string.IsNullOrEmpty(at) || path.StartsWith('[') ? at + path
        : $"{at}.{path}";

    // Newtonsoft's messages name .NET types; an operator editing JSON needs to know what the setting should hold.
    private static string Describe(Exception error, object? target, string? member)
    {
        if (error.Message.StartsWith("Could not find member", StringComparison.Ordinal))
        {
            return "unknown setting";
        }

        if (target is null)
        {
            return "must be a JSON object";
        }

        var contract = Resolver.ResolveContract(target.GetType()) as JsonObjectContract;
        var property = member is null ? null : contract?.Properties.GetClosestMatchProperty(member);
        return property?.PropertyType is { } type ? $"must be {KindOf(type)}" : "has a value of the wrong type";
    }

    private static string KindOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(bool) ? "true or false"
            : type == typeof(string) ? "a text"
            : type == typeof(int) || type == typeof(long) ? "a whole number"
            : typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && type != typeof(JObject) ? "a list"
            : "an object";
    }
}
