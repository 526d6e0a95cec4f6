using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>
/// One page of a collection: $top/$skip (Outlook) or $skiptoken (directory), $select, @odata.count, and an
/// absolute @odata.nextLink that repeats every other query option, as Graph's does.
/// </summary>
internal static class ODataPage
{
    public static IResult Respond(HttpContext context, IReadOnlyList<JObject> items, int defaultTop, int maxTop, bool directoryPaging)
    {
        var query = context.Request.Query;
        var top = int.TryParse(query["$top"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : defaultTop;
        if (top < 1 || top > maxTop)
        {
            return GraphErrors.BadRequest(
                context,
                directoryPaging ? "Request_UnsupportedQuery" : "ErrorInvalidUrlQuery",
                $"Invalid page size specified: '{top}'. Must be between 1 and {maxTop} inclusive.");
        }

        var skip = 0;
        if (directoryPaging && query["$skiptoken"].FirstOrDefault() is { } token)
        {
            skip = int.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture);
        }
        else if (int.TryParse(query["$skip"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
        {
            skip = s;
        }

        var select = query["$select"].FirstOrDefault()?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var page = new JArray(items.Skip(skip).Take(top).Select(i => Project(i, select)));
        var body = new JObject { ["@odata.context"] = $"{Origin(context)}/v1.0/$metadata#{context.Request.Path.Value?.TrimStart('/')}" };
        if (string.Equals(query["$count"], "true", StringComparison.OrdinalIgnoreCase))
        {
            body["@odata.count"] = items.Count;
        }

        if (skip + top < items.Count)
        {
            body["@odata.nextLink"] = NextLink(context, skip + top, directoryPaging);
        }

        body["value"] = page;
        return GraphJson.Json(body);
    }

    public static JObject Project(JObject item, string[]? select)
    {
        if (select is null || select.Length == 0)
        {
            return item;
        }

        var projected = new JObject();
        foreach (var property in item.Properties())
        {
            if (property.Name is "id" or "@odata.type" or "@odata.etag" ||
                select.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                projected[property.Name] = property.Value;
            }
        }

        return projected;
    }

    public static string Origin(HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    private static string NextLink(HttpContext context, int offset, bool directoryPaging)
    {
        var parts = new List<string>();
        foreach (var (key, values) in context.Request.Query)
        {
            if (key is "$skip" or "$skiptoken")
            {
                continue;
            }

            parts.AddRange(values.Select(v => Escape(key) + "=" + Escape(v ?? "")));
        }

        parts.Add(directoryPaging
            ? "$skiptoken=" + Escape(Convert.ToBase64String(Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture))))
            : "$skip=" + offset.ToString(CultureInfo.InvariantCulture));
        return $"{Origin(context)}{context.Request.Path}?{string.Join('&', parts)}";
    }

    private static string Escape(string value) => Uri.EscapeDataString(value).Replace("%24", "$", StringComparison.Ordinal);
}
