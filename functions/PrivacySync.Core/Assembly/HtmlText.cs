using System.Net;
using System.Text;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// Encodes a value for the subject-facing HTML documents: markup characters and quotes as entities, and the Unicode
/// direction controls (which could make a value read backwards or run into the text around it) as a visible code
/// point, so a record's text can neither become markup nor disguise itself.
/// </summary>
internal static class HtmlText
{
    public static string Encode(string? value)
    {
        var encoded = WebUtility.HtmlEncode(value ?? string.Empty);
        if (!encoded.Any(IsDirectionControl))
        {
            return encoded;
        }

        var text = new StringBuilder(encoded.Length + 16);
        foreach (var c in encoded)
        {
            if (IsDirectionControl(c))
            {
                text.Append("[U+").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    public static bool IsDirectionControl(char c) =>
        c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>The print stylesheet shared by the letters and the summary: A4 pages, no interactive chrome.</summary>
    public const string PrintStyle =
        "@media print{@page{size:A4;margin:2cm}body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}table,dl,li{break-inside:avoid}.scroll{overflow:visible}a{color:inherit;text-decoration:none}a[href]::after{content:\" (\" attr(href) \")\"}}";
}
