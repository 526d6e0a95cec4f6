using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Connectors;

/// <summary>
/// One record of the subject's data, streamed by the connector into the export package.
/// Fields are flat label → value pairs so they render as JSON, CSV and HTML alike.
/// </summary>
/// <param name="ReviewField">
/// The field that may hold other people's data (a mail text): where the legal entity requires review (Art. 15(4)), it
/// reaches the subject only as an officer decided.
/// </param>
/// <param name="RetainUntil">The last day the record may be kept under its retention rule, when the connector knows; a past date is flagged to the subject.</param>
public sealed record ExportRecord(
    string Category,
    string Purpose,
    string LegalBasis,
    string Source,
    string? Retention,
    JObject Fields,
    DateOnly? RetainUntil = null,
    string? ReviewField = null);
