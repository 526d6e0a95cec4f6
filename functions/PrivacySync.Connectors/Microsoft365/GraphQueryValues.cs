using PrivacySync.Core.Connectors;

namespace PrivacySync.Connectors.Microsoft365;

/// <summary>
/// Puts the subject's values into Graph's query languages as data, never as syntax: an OData string literal
/// (<c>$filter</c>, single quotes doubled) and a KQL phrase (<c>$search</c> and eDiscovery content queries), inside
/// which AND, OR, property restrictions and ranges are plain words.
/// </summary>
internal static class GraphQueryValues
{
    /// <summary>An OData string literal body: single quotes doubled.</summary>
    public static string ODataLiteral(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    /// <summary>
    /// The value as a KQL phrase, <c>"value"</c>. KQL has no escape inside a phrase, so a value holding a double quote,
    /// a backslash or a control character cannot be searched for safely and is refused before any query is sent.
    /// </summary>
    public static string KqlPhrase(string value)
    {
        if (value.Length == 0 || value.Any(c => c is '"' or '\\' || char.IsControl(c)))
        {
            throw new PermanentConnectorException(
                "one of the subject's identifiers contains a character (a double quote, backslash or control character) that cannot be searched for safely; nothing was searched");
        }

        return "\"" + value + "\"";
    }

    /// <summary>A KQL query as Graph's <c>$search</c> takes it: the whole query in double quotes, inner quotes as <c>\"</c>.</summary>
    public static string SearchParameter(string kql) => "\"" + kql.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
