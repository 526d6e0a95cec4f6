using System.IO.Compression;

namespace PrivacySync.Core.Assembly;

/// <summary>Tuning for <see cref="ExportPackageWriter"/>; the defaults suit the function app.</summary>
public sealed record ExportPackageOptions
{
    /// <summary>Where per-category temporary files go while a system's stream is read; the system temp folder when null.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>Rows shown per category in summary.html; the JSON and CSV files always hold every record.</summary>
    public int MaxRowsPerCategoryInSummary { get; init; } = 100;

    /// <summary>Characters shown per cell in summary.html before the value is cut with an ellipsis.</summary>
    public int MaxCellCharactersInSummary { get; init; } = 500;

    /// <summary>Distinct field names that get their own CSV column; further fields go into the trailing JSON column.</summary>
    public int MaxCsvColumns { get; init; } = 200;

    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Optimal;
}
