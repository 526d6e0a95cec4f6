namespace PrivacySync.Core.Assembly;

/// <summary>One file in an export package, as the manifest lists it.</summary>
/// <param name="Sha256">Lowercase hex SHA-256 of the file's bytes (uncompressed, as stored in the entry).</param>
public sealed record PackageFile(string Path, string Sha256, long Bytes);

/// <summary>What was written, so the caller can record the manifest hash in the audit trail.</summary>
public sealed record ExportPackageResult(IReadOnlyList<PackageFile> Files, PackageFile Manifest, long TotalRecords);
