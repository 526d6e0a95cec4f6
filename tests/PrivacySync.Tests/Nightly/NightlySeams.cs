using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Configuration;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Reconciliation.Retention;

namespace PrivacySync.Tests.Nightly;

/// <summary>What a process's death looks like to the code that was running: nothing after it happens.</summary>
internal sealed class ProcessDied : Exception;

/// <summary>The same connector for every system: the unit seam of the nightly duties' crash tests.</summary>
internal sealed class OneConnector(IConnector connector) : IConnectorSource
{
    public ValueTask<IConnector> CreateAsync(SystemOptions system, CancellationToken cancellationToken) => ValueTask.FromResult(connector);
}

internal static class StoredOutputs
{
    /// <summary>A minimal signed deletion certificate of the request (what an addendum binds to), stored as the collector stores it.</summary>
    public static async Task SeedCertificateAsync(this IOutputStore outputs, string requestId, ECDsa key, CancellationToken cancellationToken)
    {
        var certificate = new JObject
        {
            ["documentType"] = DeletionCertificate.DocumentType, ["certificateId"] = $"cert-{requestId}", ["requestId"] = requestId,
            ["subjectReference"] = "ref-1", ["language"] = "en", ["legalEntity"] = new JObject { ["id"] = "acme-no", ["name"] = "Acme Norge AS" },
        };
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(new CertificateSigner(key).Sign(certificate)));
        Assert.True(await outputs.TryCreateAsync(requestId, AddendumIssuer.CertificateFile, content, "application/json", cancellationToken));
    }

    /// <summary>The text of one of a request's outputs, or null when it has none of that name.</summary>
    public static async Task<string?> ReadTextAsync(this IOutputStore outputs, string requestId, string fileName, CancellationToken cancellationToken)
    {
        await using var stored = await outputs.OpenAsync(requestId, fileName, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        using var reader = new StreamReader(stored.Content, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
