namespace PrivacySync.Core.Connectors;

/// <summary>Whether the subject is present in a system, and what is held about them there.</summary>
public sealed record DiscoveryResult(bool Found, IReadOnlyList<DataCategory> Categories, string? Note = null)
{
    public static DiscoveryResult Absent(string? note = null) => new(false, [], note);
}
