namespace PrivacySync.Connectors.Hr.Erasure;

/// <summary>What one erasure did to one table's rows for the subject.</summary>
internal sealed class TableTally
{
    public long Deleted { get; set; }

    /// <summary>Rows left in place: retained until a date, or anonymised.</summary>
    public long Kept { get; set; }

    /// <summary>The kept rows stay for good in anonymised form (not scheduled for deletion).</summary>
    public bool Anonymised { get; set; }

    public string? LegalBasis { get; set; }

    /// <summary>When the last kept row is due for erasure; unknown while <see cref="OpenEnded"/>.</summary>
    public DateOnly? Until { get; set; }

    /// <summary>Some kept row has no date yet (e.g. a running contract), so its erasure date cannot be computed today.</summary>
    public bool OpenEnded { get; set; }

    public bool IsRetention => Kept > 0 && !Anonymised;
}
