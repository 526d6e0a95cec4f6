using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace PrivacySync.Core.Configuration;

/// <summary>
/// Reads the configuration document (privacysync.json) and validates it. Unknown settings are errors, so a typo
/// cannot silently disable a rule. All problems are reported together, each with its path.
/// </summary>
public static class PrivacySyncOptionsLoader
{
    private static readonly DefaultContractResolver Resolver = new();

    public static OptionsLoadResult Parse(string json)
    {
        var errors = new List<string>();
        var settings = new JsonSerializerSettings
        {
            MissingMemberHandling = MissingMemberHandling.Error,
            DateParseHandling = DateParseHandling.None,
            Error = (_, args) =>
            {
                var context = args.ErrorContext;
                errors.Add($"{PathOrRoot(context.Path)}: {Describe(context.Error, args.CurrentObject, context.Member as string)}");
                args.ErrorContext.Handled = true;
            },
        };

        if (string.IsNullOrWhiteSpace(json))
        {
            return new OptionsLoadResult(null, ["(root): the document is empty"]);
        }

        // Syntax first, as a whole: binding a truncated document would report confusing half-errors.
        JToken document;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            document = JToken.ReadFrom(reader, new JsonLoadSettings { CommentHandling = CommentHandling.Ignore });

            // Reading on to the end makes the reader refuse any text after the document (comments are fine).
            while (reader.Read())
            {
            }
        }
        catch (JsonReaderException ex)
        {
            return new OptionsLoadResult(null, [$"{PathOrRoot(ex.Path)}: invalid JSON at line {ex.LineNumber}, position {ex.LinePosition}"]);
        }

        var options = document.ToObject<PrivacySyncOptions>(JsonSerializer.Create(settings));
        if (options is null)
        {
            return new OptionsLoadResult(null, errors.Count > 0 ? errors : ["(root): the document is empty"]);
        }

        errors.AddRange(OptionsValidator.Validate(options));
        return new OptionsLoadResult(options, errors);
    }

    private static string PathOrRoot(string? path) => string.IsNullOrEmpty(path) ? "(root)" : path;

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
            : typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? "a list"
            : "an object";
    }
}
