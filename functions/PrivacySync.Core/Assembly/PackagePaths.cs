using System.Text;

namespace PrivacySync.Core.Assembly;

/// <summary>
/// Turns system ids and category names (which come from connectors and configuration) into safe ZIP path segments:
/// no separators, no dot segments, only [A-Za-z0-9._-], unique within their folder.
/// </summary>
internal sealed class PackagePaths
{
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A segment for <paramref name="name"/> not yet handed out by this instance.</summary>
    public string Unique(string name, string fallback)
    {
        var baseName = Slug(name, fallback);
        var candidate = baseName;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{baseName}-{n}";
        }

        return candidate;
    }

    internal static string Slug(string name, string fallback)
    {
        var builder = new StringBuilder(Math.Min(name.Length, 64));
        foreach (var c in name)
        {
            if (builder.Length == 64)
            {
                break;
            }

            var safe = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
            if (safe)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-', '.');
        return slug.Length == 0 ? fallback : slug;
    }
}
