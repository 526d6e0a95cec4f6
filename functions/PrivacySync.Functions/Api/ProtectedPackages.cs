using PrivacySync.Core.Audit;
using PrivacySync.Core.Delivery;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Api;

/// <summary>What making the protected copy gave: the password when this call made it (shown once), else null.</summary>
public sealed record ProtectedPackageResult(bool Found, string? Password);

/// <summary>
/// Makes the password-protected copy of a request's export package the first time an officer asks for a link to
/// it: the package (decrypted) re-zipped with AES-256 entries under a generated password, stored create-only (sealed
/// at rest like the package), so of two officers asking at once exactly one is shown a password, and it is the one
/// that opens the stored copy. The password leaves only in that one answer; it is never stored, logged or audited.
/// </summary>
public sealed class ProtectedPackages(IOutputStore outputs, IRequestStore requests, IAuditLog audit)
{
    public async Task<ProtectedPackageResult> EnsureAsync(DataSubjectRequest request, string officer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Outputs.Contains(OutputFiles.ProtectedExportPackage, StringComparer.Ordinal))
        {
            return new ProtectedPackageResult(true, null);
        }

        var password = await TryMakeAsync(request.RequestId, ct);
        if (password is { Found: false })
        {
            return password;
        }

        // The copy exists now (made by this call, or by one a crash stopped before it was listed): audited once, then listed.
        await audit.AppendAsync(
            new AuditEntry(request.RequestId, officer, AuditActions.ProtectedPackageMade, Outcome: OutputFiles.ProtectedExportPackage, OnceKey: AuditActions.ProtectedPackageMade), ct);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await requests.GetAsync(request.RequestId, ct);
            if (current is null || current.Value.Outputs.Contains(OutputFiles.ProtectedExportPackage, StringComparer.Ordinal))
            {
                break;
            }

            if (await requests.TryReplaceAsync(current.Value with { Outputs = [.. current.Value.Outputs, OutputFiles.ProtectedExportPackage] }, current.ETag, ct) is not null)
            {
                break;
            }
        }

        return password;
    }

    private async Task<ProtectedPackageResult> TryMakeAsync(string requestId, CancellationToken ct)
    {
        var plain = Path.Combine(Path.GetTempPath(), $"privacysync-{Guid.NewGuid():N}.zip");
        var locked = Path.Combine(Path.GetTempPath(), $"privacysync-{Guid.NewGuid():N}.zip");
        try
        {
            await using (var source = await outputs.OpenAsync(requestId, OutputFiles.ExportPackage, ct))
            {
                if (source is null)
                {
                    return new ProtectedPackageResult(false, null); // deleted after its retention
                }

                await using var spool = new FileStream(plain, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
                await source.Content.CopyToAsync(spool, ct);
            }

            var password = ProtectedPackage.NewPassword();
            await using var package = new FileStream(plain, FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            await using var output = new FileStream(locked, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            await ProtectedPackage.WriteAsync(package, output, password, ct);
            output.Position = 0;
            var created = await outputs.TryCreateAsync(requestId, OutputFiles.ProtectedExportPackage, output, OutputFiles.ContentType(OutputFiles.ProtectedExportPackage), ct);
            return new ProtectedPackageResult(true, created ? password : null);
        }
        finally
        {
            File.Delete(plain);
            File.Delete(locked);
        }
    }
}
