namespace PrivacySync.Functions.Orchestration;

/// <summary>The file names of a request's outputs, one per request type.</summary>
public static class OutputFiles
{
    public const string ExportPackage = "export.zip";

    /// <summary>The export package as an AES-256 password-protected zip, made when an officer first asks for a link to it.</summary>
    public const string ProtectedExportPackage = "export-protected.zip";
    public const string Certificate = "certificate.json";
    public const string Confirmation = "confirmation.json";

    /// <summary>The erasure or rectification letter to the subject (the access letter travels inside the export package).</summary>
    public const string Letter = "letter.html";

    /// <summary>A rectification's Art. 19 tasks for the officer: one per recipient of the corrected categories.</summary>
    public const string RecipientTasks = "recipient-tasks.json";

    /// <summary>The letter telling the subject a restriction will be lifted (Art. 18(3)), issued before the systems lift it.</summary>
    public const string LiftLetter = "lift-letter.html";

    /// <summary>Every output file name (what a download link may be issued for).</summary>
    public static readonly IReadOnlyList<string> All = [ExportPackage, ProtectedExportPackage, Certificate, Confirmation, Letter, RecipientTasks, LiftLetter];

    /// <summary>The outputs encrypted at rest with <c>PrivacySync:PackageKey</c>: the packages, which hold the subject's records.</summary>
    public static readonly IReadOnlySet<string> Sealed = new HashSet<string>(StringComparer.Ordinal) { ExportPackage, ProtectedExportPackage };

    public static string ContentType(string fileName) =>
        fileName.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip"
        : fileName.EndsWith(".html", StringComparison.Ordinal) ? "text/html; charset=utf-8"
        : "application/json";
}
