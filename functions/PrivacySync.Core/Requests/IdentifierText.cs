using System.Globalization;
using ICU4N.Text;

namespace PrivacySync.Core.Requests;

/// <summary>
/// What a typed value may hold before it becomes a subject identifier (or any field the app keeps): printable text only.
/// Invisible characters make a value look like another one — a zero-width space inside an address finds no one, a
/// bidirectional override shows officers a different value than the systems get — so they are refused rather than
/// stripped; accepted text is normalised to Unicode NFC so "ø" typed two ways is one value everywhere.
/// </summary>
public static class IdentifierText
{
    /// <summary>Why <paramref name="value"/> is refused (a sentence fragment for a field message), or null when it is acceptable.</summary>
    public static string? Problem(string value, bool multiline = false)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(value, i);
                i++;
                if (category is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                {
                    return "must not contain invisible formatting or unassigned characters";
                }

                continue;
            }

            // U+FFFD is what a decoder leaves of broken UTF-8 or a lone surrogate escape.
            if (char.IsSurrogate(c) || c == '\uFFFD')
            {
                return "must not contain a broken character (a lone UTF-16 surrogate)";
            }

            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Control when multiline && c is '\n' or '\r' or '\t':
                    break;
                case UnicodeCategory.Control:
                    return multiline ? "must not contain control characters other than line breaks and tabs" : "must be a single line without control characters";
                case UnicodeCategory.Format:
                    return "must not contain invisible formatting characters (such as zero-width spaces or bidirectional controls)";
                case UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                    return "must not contain Unicode line or paragraph separators";
                case UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned:
                    return "must not contain private-use or unassigned characters";
            }
        }

        return null;
    }

    // ICU's normaliser: the app runs with invariant globalization, where string.Normalize leaves non-ASCII text as it is.
    private static readonly Normalizer2 Nfc = Normalizer2.NFCInstance;

    /// <summary>The value in Unicode normalisation form C; call only on a value <see cref="Problem"/> accepted.</summary>
    public static string Normalise(string value) => Nfc.IsNormalized(value) ? value : Nfc.Normalize(value);
}
