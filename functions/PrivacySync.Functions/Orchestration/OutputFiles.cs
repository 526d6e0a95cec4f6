namespace PrivacySync.Functions.Orchestration;

/// <summary>The file names of a request's outputs, one per request type.</summary>
public static class OutputFiles
{
    public const string ExportPackage = "export.zip";
    public const string Certificate = "certificate.json";
    public const string Confirmation = "confirmation.json";

    /// <summary>Every output file name (what a download link may be issued for).</summary>
    public static readonly IReadOnlyList<string> All = [ExportPackage, Certificate, Confirmation];

    public static string ContentType(string fileName) =>
        fileName.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "application/json";
}
