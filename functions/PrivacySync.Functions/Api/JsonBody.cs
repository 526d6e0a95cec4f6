using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Functions.Api;

/// <summary>What reading a JSON request body gave: the object, or why there is none.</summary>
internal sealed record BodyRead(JObject? Body, ApiError? Error, bool TooLarge)
{
    public static BodyRead Of(JObject body) => new(body, null, false);

    public static BodyRead Invalid(string message) => new(null, new ApiError("body", message), false);

    public static BodyRead Oversized { get; } = new(null, null, true);

    /// <summary>No body at all (where a body is optional, the caller treats this as an empty object).</summary>
    public static BodyRead Empty { get; } = Invalid("is empty; send the request as a JSON object");
}

/// <summary>
/// Reads a request body of at most <see cref="RequestApiOptions.MaxBodyBytes"/> as one JSON object. The limit is
/// checked against Content-Length and again while reading (chunked bodies declare no length). Messages never echo
/// the body: it holds personal data.
/// </summary>
internal static class JsonBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonLoadSettings LoadSettings = new()
    {
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        CommentHandling = CommentHandling.Ignore,
        LineInfoHandling = LineInfoHandling.Ignore,
    };

    public static async Task<BodyRead> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > RequestApiOptions.MaxBodyBytes)
        {
            return BodyRead.Oversized;
        }

        var buffer = new byte[RequestApiOptions.MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }

        if (length > RequestApiOptions.MaxBodyBytes)
        {
            return BodyRead.Oversized;
        }

        if (length == 0)
        {
            return BodyRead.Empty;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return BodyRead.Invalid("is not UTF-8 text");
        }

        return Parse(text.TrimStart('\uFEFF'));
    }

    public static BodyRead Parse(string text)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(text))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
            };
            var token = JToken.ReadFrom(reader, LoadSettings);

            // Anything after the value (a second object, stray text) makes the body ambiguous.
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    return BodyRead.Invalid("holds more than one JSON value");
                }
            }

            return token is JObject body ? BodyRead.Of(body) : BodyRead.Invalid("must be a JSON object");
        }
        catch (JsonReaderException ex)
        {
            var position = ex.LineNumber > 0 ? $" (line {ex.LineNumber}, position {ex.LinePosition})" : "";
            var reason = ex.Message.Contains("Duplicate property", StringComparison.Ordinal) ? "repeats a property" : "is not valid JSON";
            return BodyRead.Invalid(reason + position);
        }
    }
}
