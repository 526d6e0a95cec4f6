using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrivacySync.Storage.Http;

/// <summary>
/// Builds the Shared Key string-to-sign (Blob/Queue and Table flavours, service version 2015-02-21 and later)
/// and signs it with HMAC-SHA256. Pure functions over the request's method, URI and headers.
/// </summary>
internal static class SharedKeySigner
{
    private static readonly string[] BlobQueueStandardHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    /// <summary>
    /// VERB, the eleven standard headers (Content-Length empty when zero, Date empty when x-ms-date is sent),
    /// the canonicalized x-ms- headers, then the canonicalized resource with every query parameter.
    /// </summary>
    public static string BlobQueueStringToSign(
        string method, Uri uri, IEnumerable<(string Name, string Value)> headers, long? contentLength, string accountName)
    {
        var list = headers.ToList();
        var builder = new StringBuilder();
        builder.Append(method.ToUpperInvariant()).Append('\n');
        foreach (var name in BlobQueueStandardHeaders)
        {
            var value = name switch
            {
                "Content-Length" => contentLength is > 0 ? contentLength.Value.ToString(CultureInfo.InvariantCulture) : string.Empty,
                _ => Find(list, name) ?? string.Empty,
            };
            builder.Append(value).Append('\n');
        }

        foreach (var (name, value) in list
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        foreach (var (name, values) in QueryParameters(uri))
        {
            builder.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
        }

        return builder.ToString();
    }

    /// <summary>VERB, Content-MD5, Content-Type, Date (x-ms-date wins), canonicalized resource with only ?comp=.</summary>
    public static string TableStringToSign(
        string method, Uri uri, IEnumerable<(string Name, string Value)> headers, string accountName)
    {
        var list = headers.ToList();
        var date = Find(list, "x-ms-date") ?? Find(list, "Date") ?? string.Empty;
        var resource = new StringBuilder().Append('/').Append(accountName).Append(uri.AbsolutePath);
        var comp = QueryParameters(uri).FirstOrDefault(p => p.Name == "comp");
        if (comp.Name is not null)
        {
            resource.Append("?comp=").Append(string.Join(',', comp.Values));
        }

        return string.Join('\n', method.ToUpperInvariant(), Find(list, "Content-MD5") ?? string.Empty,
            Find(list, "Content-Type") ?? string.Empty, date, resource.ToString());
    }

    public static string Sign(byte[] key, string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>Lower-cased names, decoded values, names sorted, a repeated name's values sorted and comma-joined.</summary>
    private static IEnumerable<(string Name, List<string> Values)> QueryParameters(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return [];
        }

        return query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=');
                var name = eq < 0 ? pair : pair[..eq];
                var value = eq < 0 ? string.Empty : pair[(eq + 1)..];
                return (Name: Uri.UnescapeDataString(name).ToLowerInvariant(), Value: Uri.UnescapeDataString(value));
            })
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(p => p.Value).Order(StringComparer.Ordinal).ToList()));
    }

    private static string? Find(List<(string Name, string Value)> headers, string name)
    {
        foreach (var header in headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }
}
