using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Common;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Persistence;

namespace PrivacySync.Core.Reconciliation.Retention;

/// <summary>
/// Signs and stores a certificate's addendum beside it (<c>addendum-yyyy-MM-dd-reason.json</c> among the request's
/// outputs), with the key that signs certificates. One addendum per request, night and reason: writing it again (a
/// crashed night's rerun) replaces it with the same statement.
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

    /// <returns>The addendum, or null when the request has no readable certificate to add to.</returns>
    public async Task<IssuedAddendum?> IssueAsync(
        string requestId, DateOnly night, AddendumReason reason, IReadOnlyList<SystemResult> results, CancellationToken cancellationToken)
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

        Newtonsoft.Json.Linq.JObject certificate;
        try
        {
            certificate = CertificateAddendum.ReadBody(text);
        }
        catch (JsonException)
        {
            return null;
        }

        var id = AddendumId(requestId, night, reason);
        var addendum = CertificateAddendum.Create(id, certificate, reason, night, results, time.GetUtcNow());
        var signed = signer.Value.Sign(addendum);
        var file = FileName(night, reason);
        await using var content = new MemoryStream(new UTF8Encoding(false).GetBytes(signed));
        await outputs.SaveAsync(requestId, file, content, "application/json", cancellationToken);
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
