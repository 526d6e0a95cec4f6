namespace PrivacySync.Sandbox.HubSpot;

/// <summary>One stored CRM object with the full history of every property (newest last).</summary>
internal sealed class CrmRecord(long id, ObjectTypeInfo type, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    public ObjectTypeInfo Type { get; } = type;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    public DateTimeOffset? ArchivedAt { get; set; }

    public Dictionary<string, List<PropertyVersion>> History { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Value(string name) => History.TryGetValue(name, out var versions) && versions.Count > 0 ? versions[^1].Value : null;

    public void Set(string name, string? value, DateTimeOffset at, string sourceType, string? sourceId = null)
    {
        if (!History.TryGetValue(name, out var versions))
        {
            versions = [];
            History[name] = versions;
        }

        if (versions.Count > 0 && versions[^1].Value == value) return;
        versions.Add(new PropertyVersion(value, at, sourceType, sourceId));
    }

    /// <summary>Primary email plus hs_additional_emails (HubSpot keeps those semicolon-separated).</summary>
    public IEnumerable<string> Emails()
    {
        var primary = Value("email");
        if (!string.IsNullOrEmpty(primary)) yield return primary;
        foreach (var extra in (Value("hs_additional_emails") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return extra;
        }
    }
}

internal sealed record PropertyVersion(string? Value, DateTimeOffset Timestamp, string SourceType, string? SourceId);
