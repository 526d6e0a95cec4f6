using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Persistence;

namespace PrivacySync.Core.Reconciliation.Retention;

/// <summary>
/// Signs and stores a certificate's addendum beside it (<c>addendum-yyyy-MM-dd-reason.json</c> among the request's
/// outputs), with the key that signs certificates. One addendum per request, night and reason, written create-only: a
/// crashed night's rerun keeps the one already written.
/// </summary>
public sealed class AddendumIssuer(IOutputStore outputs, IRequestStore requests, Lazy<CertificateSigner> signer, TimeProvider time)
{
    private const string FilePrefix = "addendum-";
    /// <summary>The output file the request's erasure certificate is stored under.</summary>
    public const string CertificateFile = "certificate.json";

    public static string FileName(DateOnly night, AddendumReason reason) =>
        $"{FilePrefix}{night.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{reason.ToWire()}.json";

    /// <summary>Whether an output name is one of <see cref="FileName"/>'s (for the download links).</summary>
    public static bool IsAddendumFile(string? fileName) =>
        fileName is not null
        && Enum.GetValues<AddendumReason>().Any(reason =>
            fileName.Length == FileName(default, reason).Length
            && fileName.StartsWith(FilePrefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(fileName.AsSpan(FilePrefix.Length, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var night)
            && string.Equals(fileName, FileName(night, reason), StringComparison.Ordinal));

    public static string AddendumId(string requestId, DateOnly night, AddendumReason reason) =>
        $"add-{requestId}-{night.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{reason.ToWire()}";

    /// <summary>The signed body of the request's deletion certificate (as stored), or null when it has no readable one.</summary>
    public async Task<JObject?> ReadCertificateAsync(string requestId, CancellationToken cancellationToken)
    {
        var stored = await outputs.OpenAsync(requestId, CertificateFile, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        string text;
        await using (stored)
        using (var reader = new StreamReader(stored.Content, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        try
        {
            return CertificateAddendum.ReadBody(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Signs and stores the addendum of one execution, create-only: a rerun after a crash keeps the addendum already
    /// written (the first statement, with the audit head it named), and only lists it among the outputs.
    /// </summary>
    /// <param name="certificate">From <see cref="ReadCertificateAsync"/>.</param>
    /// <param name="auditHead">The request's audit chain head after the execution's events.</param>
    public async Task<IssuedAddendum> IssueAsync(
        string requestId, JObject certificate, DateOnly night, AddendumReason reason, IReadOnlyList<SystemResult> results, AuditHead? auditHead,
        CancellationToken cancellationToken)
    {
        var id = AddendumId(requestId, night, reason);
        var addendum = CertificateAddendum.Create(id, certificate, reason, night, results, time.GetUtcNow(), auditHead);
        var signed = signer.Value.Sign(addendum);
        var file = FileName(night, reason);
        await using var content = new MemoryStream(new UTF8Encoding(false).GetBytes(signed));
        await outputs.TryCreateAsync(requestId, file, content, "application/json", cancellationToken);
        await ListAsync(requestId, file, cancellationToken);
        return new IssuedAddendum(id, file);
    }

    /// <summary>Lists the addendum among the request's outputs (so the API links it), retrying a lost race a few times.</summary>
    private async Task ListAsync(string requestId, string file, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var stored = await requests.GetAsync(requestId, cancellationToken);
            if (stored is null || stored.Value.Outputs.Contains(file, StringComparer.Ordinal))
            {
                return;
            }

            if (await requests.TryReplaceAsync(stored.Value with { Outputs = [.. stored.Value.Outputs, file] }, stored.ETag, cancellationToken) is not null)
            {
                return;
            }
        }
    }
}

public sealed record IssuedAddendum(string AddendumId, string FileName);
