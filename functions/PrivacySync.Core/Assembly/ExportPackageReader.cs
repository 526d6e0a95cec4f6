using System.IO.Compression;
using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Core.Assembly;

/// <summary>The result of checking a package against its manifest; problems name paths only, never contents.</summary>
public sealed record ExportPackageVerification(bool IsValid, int FilesChecked, IReadOnlyList<string> Problems);

/// <summary>
/// Reads export packages back: the manifest, and a full check that every file the manifest lists is present with
/// the listed SHA-256 and size, and that nothing unlisted was added. Reading a ZIP needs a seekable stream;
/// a non-seekable one is first copied into memory by <see cref="ZipArchive"/>.
/// </summary>
public static class ExportPackageReader
{
    public static async Task<JObject> ReadManifestAsync(Stream zip, CancellationToken cancellationToken = default)
    {
        await using var archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
        var entry = archive.GetEntry(ExportPackageWriter.ManifestPath)
            ?? throw new InvalidDataException("The package has no manifest.json.");
        return await ReadManifestAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<ExportPackageVerification> VerifyAsync(Stream zip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ZipArchive archive;
        try
        {
            archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return Invalid("The input is not a ZIP archive.");
        }

        await using (archive.ConfigureAwait(false))
        {
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            var problems = new List<string>();
            foreach (var entry in archive.Entries)
            {
                if (!entries.TryAdd(entry.FullName, entry))
                {
                    problems.Add($"{entry.FullName}: appears more than once in the archive.");
                }
            }

            if (!entries.TryGetValue(ExportPackageWriter.ManifestPath, out var manifestEntry))
            {
                return Invalid("The package has no manifest.json.");
            }

            JArray listed;
            try
            {
                var manifest = await ReadManifestAsync(manifestEntry, cancellationToken).ConfigureAwait(false);
                listed = manifest["files"] as JArray ?? throw new InvalidDataException("manifest.json has no files list.");
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                return Invalid($"manifest.json is unreadable: {e.Message}");
            }

            var checkedPaths = new HashSet<string>(StringComparer.Ordinal) { ExportPackageWriter.ManifestPath };
            foreach (var item in listed)
            {
                var path = (item as JObject)?.Value<string>("path");
                var expectedHash = (item as JObject)?.Value<string>("sha256");
                var expectedBytes = (item as JObject)?["bytes"]?.Type == JTokenType.Integer ? item.Value<long>("bytes") : (long?)null;
                if (path is null || expectedHash is null || expectedBytes is null)
                {
                    problems.Add("manifest.json lists a file without path, sha256 or bytes.");
                    continue;
                }

                if (!checkedPaths.Add(path))
                {
                    problems.Add($"{path}: listed more than once in manifest.json.");
                    continue;
                }

                if (!entries.TryGetValue(path, out var entry))
                {
                    problems.Add($"{path}: listed in manifest.json but missing from the archive.");
                    continue;
                }

                string hash;
                long bytes;
                try
                {
                    (hash, bytes) = await HashAsync(entry, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException)
                {
                    problems.Add($"{path}: the archive entry is corrupt.");
                    continue;
                }

                if (!string.Equals(hash, expectedHash, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{path}: SHA-256 does not match manifest.json.");
                }
                else if (bytes != expectedBytes)
                {
                    problems.Add($"{path}: size does not match manifest.json.");
                }
            }

            problems.AddRange(entries.Keys.Where(p => !checkedPaths.Contains(p)).Select(p => $"{p}: in the archive but not listed in manifest.json."));
            return new ExportPackageVerification(problems.Count == 0, checkedPaths.Count - 1, problems);
        }
    }

    private static ExportPackageVerification Invalid(string problem) => new(false, 0, [problem]);

    private static async Task<JObject> ReadManifestAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        await using var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var text = new StreamReader(stream);
        using var reader = WireFormat.Reader(text);
        return await JObject.LoadAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(string Hash, long Bytes)> HashAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        await using var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }
}
