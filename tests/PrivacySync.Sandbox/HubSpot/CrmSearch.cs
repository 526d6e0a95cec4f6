using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>
/// HubSpot CRM search semantics: filter groups are ORed, filters inside a group ANDed; at most 5 groups,
/// 6 filters per group and 18 filters in all; limit ≤ 200; no paging beyond 10,000 results.
/// </summary>
internal static class CrmSearch
{
    public const int MaxLimit = 200;
    public const int MaxResults = 10_000;

    private static readonly char[] TokenSeparators = [';', ',', ' ', '\t', '\n', '\r'];

    public static void Validate(JObject body)
    {
        var groups = body["filterGroups"] as JArray ?? [];
        if (groups.Count > 5)
        {
            throw SandboxApiException.Validation($"There were {groups.Count} filter groups in the request. Searches can contain at most 5 filter groups", "TOO_MANY_FILTER_GROUPS", "filterGroups");
        }

        var filters = groups.Select(g => (g["filters"] as JArray)?.Count ?? 0).ToList();
        if (filters.Any(c => c > 6) || filters.Sum() > 18)
        {
            throw SandboxApiException.Validation("Searches can contain at most 6 filters per group and 18 filters in total", "TOO_MANY_FILTERS", "filterGroups");
        }

        var limit = body["limit"]?.Value<int?>() ?? 10;
        if (limit < 1 || limit > MaxLimit)
        {
            throw SandboxApiException.Validation($"limit must be between 1 and {MaxLimit}, got {limit}", "INVALID_LIMIT", "limit");
        }
    }

    public static bool Matches(CrmRecord record, JArray? groups, string? query)
    {
        if (!string.IsNullOrWhiteSpace(query) && !MatchesQuery(record, query)) return false;
        if (groups is null || groups.Count == 0) return true;
        return groups.OfType<JObject>().Any(g => (g["filters"] as JArray ?? []).OfType<JObject>().All(f => MatchesFilter(record, f)));
    }

    public static IEnumerable<CrmRecord> Sort(IEnumerable<CrmRecord> records, JToken? sorts)
    {
        var first = (sorts as JArray)?.FirstOrDefault();
        if (first is null) return records.OrderBy(r => r.Id);
        var (property, descending) = first.Type == JTokenType.String
            ? (first.ToString().TrimStart('-'), first.ToString().StartsWith('-'))
            : (first["propertyName"]?.ToString() ?? "hs_object_id", string.Equals(first["direction"]?.ToString(), "DESCENDING", StringComparison.OrdinalIgnoreCase));
        var ordered = descending
            ? records.OrderByDescending(r => SortKey(r, property), Comparer<IComparable>.Default)
            : records.OrderBy(r => SortKey(r, property), Comparer<IComparable>.Default);
        return ordered.ThenBy(r => r.Id);
    }

    private static IComparable SortKey(CrmRecord record, string property)
    {
        var value = record.Value(property);
        return Number(value) is { } number ? number : (IComparable)(value ?? "");
    }

    private static bool MatchesQuery(CrmRecord record, string query) =>
        new[] { "email", "firstname", "lastname", "phone", "company", "name", "domain", "dealname", "subject" }
            .Select(record.Value)
            .Any(v => v is not null && v.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase));

    private static bool MatchesFilter(CrmRecord record, JObject filter)
    {
        var property = filter["propertyName"]?.ToString() ?? throw SandboxApiException.Validation("propertyName is required in every filter", @in: "filterGroups");
        var op = filter["operator"]?.ToString() ?? "EQ";
        var actual = property == "hs_object_id" ? record.Id.ToString(CultureInfo.InvariantCulture) : record.Value(property);
        var value = filter["value"]?.ToString();
        var values = HubSpotJson.StringList(filter["values"]);
        return op switch
        {
            "EQ" => Equal(actual, value),
            "NEQ" => !Equal(actual, value),
            "IN" => values.Any(v => Equal(actual, v)),
            "NOT_IN" => !values.Any(v => Equal(actual, v)),
            "HAS_PROPERTY" => !string.IsNullOrEmpty(actual),
            "NOT_HAS_PROPERTY" => string.IsNullOrEmpty(actual),
            "CONTAINS_TOKEN" => ContainsToken(actual, value),
            "NOT_CONTAINS_TOKEN" => !ContainsToken(actual, value),
            "GT" => Compare(actual, value) > 0,
            "GTE" => Compare(actual, value) >= 0,
            "LT" => Compare(actual, value) is < 0 and not int.MinValue,
            "LTE" => Compare(actual, value) is <= 0 and not int.MinValue,
            "BETWEEN" => Compare(actual, value) >= 0 && Compare(actual, filter["highValue"]?.ToString()) is <= 0 and not int.MinValue,
            _ => throw SandboxApiException.Validation($"Unsupported operator {op}", "INVALID_OPERATOR", "filterGroups"),
        };
    }

    private static bool Equal(string? actual, string? expected) =>
        actual is not null && expected is not null &&
        (string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase) || (Number(actual) is { } a && Number(expected) is { } b && a == b));

    /// <summary>Token match on word-ish tokens; a leading or trailing * is a wildcard, as in HubSpot.</summary>
    private static bool ContainsToken(string? actual, string? token)
    {
        if (string.IsNullOrEmpty(actual) || string.IsNullOrEmpty(token)) return false;
        var pattern = "^" + Regex.Escape(token.Trim()).Replace("\\*", ".*", StringComparison.Ordinal) + "$";
        return actual.Split(TokenSeparators, StringSplitOptions.RemoveEmptyEntries)
            .Any(t => Regex.IsMatch(t, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }

    /// <summary>Numeric (or date as epoch millis) comparison; int.MinValue when either side is missing.</summary>
    private static int Compare(string? actual, string? expected) =>
        Number(actual) is { } a && Number(expected) is { } b ? a.CompareTo(b) : int.MinValue;

    private static decimal? Number(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) return number;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.ToUnixTimeMilliseconds() : null;
    }
}
