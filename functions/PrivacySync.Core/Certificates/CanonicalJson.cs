using System.Globalization;
using System.Numerics;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Certificates;

/// <summary>
/// The one serialisation that signatures are computed over: object properties sorted by ordinal (UTF-16 code unit)
/// order, recursively; no whitespace; strings with only the escapes JSON requires (quote, backslash, control
/// characters, short forms where JSON has them, otherwise lowercase \u00xx); integers in invariant digits; finite
/// doubles in shortest round-trip form; UTF-8 without a byte order mark. Two documents that differ only in property
/// order or formatting therefore sign to the same bytes.
/// </summary>
public static class CanonicalJson
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] ToUtf8Bytes(JToken token) => Utf8.GetBytes(Serialize(token));

    /// <exception cref="ArgumentException">The token holds a value with no canonical form (NaN, infinity, raw bytes...).</exception>
    public static string Serialize(JToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var builder = new StringBuilder(1024);
        Write(builder, token);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JToken token)
    {
        switch (token)
        {
            case JObject obj:
                builder.Append('{');
                var first = true;
                foreach (var property in obj.Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(builder, property.Name);
                    builder.Append(':');
                    Write(builder, property.Value);
                }

                builder.Append('}');
                break;
            case JArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JValue value:
                WriteValue(builder, value);
                break;
            default:
                throw new ArgumentException($"JSON token type {token.Type} has no canonical form.", nameof(token));
        }
    }

    private static void WriteValue(StringBuilder builder, JValue value)
    {
        switch (value.Value)
        {
            case null:
                builder.Append("null");
                break;
            case string text:
                WriteString(builder, text);
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case long or int or short or sbyte or ulong or uint or ushort or byte or BigInteger:
                builder.Append(((IFormattable)value.Value).ToString(null, CultureInfo.InvariantCulture));
                break;
            case double number when double.IsFinite(number):
                builder.Append(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case float number when float.IsFinite(number):
                builder.Append(((double)number).ToString("R", CultureInfo.InvariantCulture));
                break;
            case decimal number:
                // Parsed back as a double on verification; the shortest round-trip form of that double is what both sides see.
                builder.Append(((double)number).ToString("R", CultureInfo.InvariantCulture));
                break;
            case DateTime dateTime:
                WriteString(builder, dateTime.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset offset:
                WriteString(builder, offset.ToString("O", CultureInfo.InvariantCulture));
                break;
            case Guid guid:
                WriteString(builder, guid.ToString("D", CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"A JSON value of type {value.Type} has no canonical form.", nameof(value));
        }
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
