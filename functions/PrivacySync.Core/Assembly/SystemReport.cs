using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;

namespace PrivacySync.Core.Assembly;

/// <summary>What the package says about one system once its stream has been written (bounded: counts and a sample).</summary>
internal sealed record SystemReport(SystemResult Result, IReadOnlyList<CategoryReport> Categories);

/// <summary>One category of a system: streamed records (with files) or an outcome without records (not found, failed...).</summary>
internal sealed record CategoryReport(
    string Name,
    OutcomeKind Outcome,
    long RecordCount,
    string? Purpose,
    string? LegalBasis,
    string? Source,
    string? Retention,
    string? Reason,
    string? Instructions,
    string? JsonPath,
    string? CsvPath,
    IReadOnlyList<JObject> Sample)
{
    /// <summary>What the subject is told about the category (from the configuration); null when assembled without it.</summary>
    public CategoryFacts? Facts { get; init; }

    /// <summary>Records whose retention end, as the connector gave it, lies before the package's date.</summary>
    public long PastRetention { get; init; }
}
