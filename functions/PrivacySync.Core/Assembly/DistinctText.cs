namespace PrivacySync.Core.Assembly;

/// <summary>
/// The distinct values of a per-record attribute (purpose, legal basis, ...) within one category, in order of first
/// appearance. Connectors normally send one value per category; several are kept (up to a small cap) rather than
/// silently dropping all but the first.
/// </summary>
internal sealed class DistinctText
{
    private const int Cap = 10;
    private readonly List<string> values = [];

    public void Add(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || values.Count == Cap || values.Contains(value, StringComparer.Ordinal))
        {
            return;
        }

        values.Add(value);
    }

    public string? Joined => values.Count == 0 ? null : string.Join("; ", values);
}
