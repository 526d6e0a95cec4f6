using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Connectors;

/// <summary>
/// One record of the subject's data, streamed by the connector into the export package.
/// Fields are flat label → value pairs so they render as JSON, CSV and HTML alike.
/// </summary>
public sealed record ExportRecord(
    string Category,
    string Purpose,
    string LegalBasis,
    string Source,
    string? Retention,
    JObject Fields);
