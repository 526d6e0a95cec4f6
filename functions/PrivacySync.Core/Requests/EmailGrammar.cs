namespace PrivacySync.Core.Requests;

/// <summary>
/// The subject address grammar: <c>local@domain</c> where the local part is an RFC 5322 dot-atom (letters, digits and
/// <c>!#$%&amp;'*+-/=?^_`{|}~</c>, non-ASCII letters allowed as RFC 6531 does, dots only between atoms) and the domain is
/// dot-separated labels of letters, digits and inner hyphens. Quoted local parts, comments, display names, IP literals
/// and whitespace are not addresses here: they are where query operators would hide.
/// </summary>
public static class EmailGrammar
{
    public const string Rule = "must be one plain email address such as 'name@example.com' (no quotes, comments, spaces or display name)";

    private const string AsciiSpecials = "!#$%&'*+-/=?^_`{|}~";

    public static bool IsValid(string address)
    {
        if (address.Length > 254)
        {
            return false;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != address.LastIndexOf('@') || at > 64)
        {
            return false;
        }

        return IsDotAtom(address[..at]) && IsDomain(address[(at + 1)..]);
    }

    private static bool IsDotAtom(string local) =>
        local.Split('.').All(atom => atom.Length > 0 && atom.All(c => c < 0x80 ? char.IsAsciiLetterOrDigit(c) || AsciiSpecials.Contains(c) : IsWordCharacter(c)));

    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        return domain.Length <= 253
            && labels.Length >= 2
            && labels.All(l => l.Length is > 0 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => c < 0x80 ? char.IsAsciiLetterOrDigit(c) || c == '-' : IsWordCharacter(c)))
            && !labels[^1].All(char.IsAsciiDigit);
    }

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}
