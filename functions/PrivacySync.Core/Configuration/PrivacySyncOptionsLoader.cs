using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Configuration;

/// <summary>
/// Reads the configuration document (privacysync.json) and validates it. Unknown settings are errors, so a typo
/// cannot silently disable a rule. All problems are reported together, each with its path.
/// </summary>
public static class PrivacySyncOptionsLoader
{
    /// <summary>Reads and validates the generic settings; a system's Connector section is left to its kind.</summary>
    public static OptionsLoadResult Parse(string json) => Parse(json, null);

    /// <summary>
    /// Reads and validates the document, each system's Connector section by its kind among <paramref name="kinds"/>
    /// (the kinds the app installs); a kind not among them is an error. Null checks the generic settings only.
    /// </summary>
    public static OptionsLoadResult Parse(string json, IReadOnlyCollection<IConnectorKindSettings>? kinds)
    {
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
            return new OptionsLoadResult(null, [$"{StrictJson.Join("", ex.Path)}: invalid JSON at line {ex.LineNumber}, position {ex.LinePosition}"]);
        }

        var errors = new ValidationErrors();
        var options = StrictJson.Read<PrivacySyncOptions>(document, "", errors);
        if (options is null)
        {
            return new OptionsLoadResult(null, errors.Items.Count > 0 ? errors.Items : ["(root): the document is empty"]);
        }

        return new OptionsLoadResult(options, [.. errors.Items, .. OptionsValidator.Validate(options, kinds)]);
    }
}
