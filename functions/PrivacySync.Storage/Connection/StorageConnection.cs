using Azure.Core;

namespace PrivacySync.Storage;

/// <summary>
/// Where the account's three services are and how requests to them are authorized: Shared Key (connection string,
/// Azurite) or a token credential (managed identity). Exception messages name the faulty setting, never its value.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>Azurite's published development account; its key is public by design.</summary>
    internal const string DevelopmentAccountName = "devstoreaccount1";

    internal const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly string[] KnownKeys =
    [
        "UseDevelopmentStorage", "DefaultEndpointsProtocol", "AccountName", "AccountKey", "EndpointSuffix",
        "BlobEndpoint", "QueueEndpoint", "TableEndpoint",
    ];

    private StorageConnection(string accountName, Uri blob, Uri queue, Uri table, byte[]? accountKey, TokenCredential? credential)
    {
        AccountName = accountName;
        BlobEndpoint = blob;
        QueueEndpoint = queue;
        TableEndpoint = table;
        AccountKey = accountKey;
        Credential = credential;
    }

    public string AccountName { get; }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>Decoded Shared Key, or null when a token credential authorizes requests.</summary>
    internal byte[]? AccountKey { get; }

    internal TokenCredential? Credential { get; }

    /// <summary>Parses an Azure Storage connection string (the AzureWebJobsStorage format).</summary>
    /// <exception cref="ArgumentException">A part is missing or invalid; the message names the part, not its value.</exception>
    public static StorageConnection Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The storage connection string is empty.", nameof(connectionString));
        }

        var parts = SplitParts(connectionString);

        if (parts.TryGetValue("UseDevelopmentStorage", out var useDev))
        {
            if (!string.Equals(useDev, "true", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid("UseDevelopmentStorage", "must be 'true' when present");
            }

            if (parts.Count > 1)
            {
                throw Invalid("UseDevelopmentStorage", "cannot be combined with other settings");
            }

            return new StorageConnection(
                DevelopmentAccountName,
                new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10001/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10002/{DevelopmentAccountName}"),
                Convert.FromBase64String(DevelopmentAccountKey),
                credential: null);
        }

        var accountName = Required(parts, "AccountName");
        var key = DecodeKey(Required(parts, "AccountKey"));

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
        if (protocol is not ("http" or "https"))
        {
            throw Invalid("DefaultEndpointsProtocol", "must be 'http' or 'https'");
        }

        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net").Trim().Trim('.');
        if (suffix.Length == 0 || suffix.Contains('/'))
        {
            throw Invalid("EndpointSuffix", "must be a DNS suffix such as core.windows.net");
        }

        Uri Endpoint(string setting, string service) =>
            parts.TryGetValue(setting, out var explicitValue)
                ? ParseEndpoint(setting, explicitValue)
                : ParseEndpoint("EndpointSuffix", $"{protocol}://{accountName}.{service}.{suffix}");

        return new StorageConnection(
            accountName,
            Endpoint("BlobEndpoint", "blob"),
            Endpoint("QueueEndpoint", "queue"),
            Endpoint("TableEndpoint", "table"),
            key,
            credential: null);
    }

    /// <summary>Identity-based access (managed identity, developer sign-in): requests carry a bearer token for Storage.</summary>
    public static StorageConnection ForTokenCredential(Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(blobEndpoint);
        ArgumentNullException.ThrowIfNull(queueEndpoint);
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        ArgumentNullException.ThrowIfNull(credential);

        var blob = ParseEndpoint(nameof(blobEndpoint), blobEndpoint.OriginalString);
        return new StorageConnection(
            AccountNameOf(blob),
            blob,
            ParseEndpoint(nameof(queueEndpoint), queueEndpoint.OriginalString),
            ParseEndpoint(nameof(tableEndpoint), tableEndpoint.OriginalString),
            accountKey: null,
            credential);
    }

    /// <summary>Host-style (account.blob.core.windows.net) or path-style (127.0.0.1:10000/account) endpoints.</summary>
    private static string AccountNameOf(Uri endpoint)
    {
        var isPathStyle = endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || endpoint.IsLoopback;
        if (isPathStyle)
        {
            var segment = endpoint.AbsolutePath.Trim('/').Split('/')[0];
            if (segment.Length > 0)
            {
                return segment;
            }
        }

        return endpoint.Host.Split('.')[0];
    }

    private static Dictionary<string, string> SplitParts(string connectionString)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=');
            if (eq <= 0)
            {
                // Do not echo the segment: it might be a mangled key.
                throw new ArgumentException("The storage connection string has a part without 'name=value'.", nameof(connectionString));
            }

            var name = segment[..eq].Trim();
            var canonical = Array.Find(KnownKeys, k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (canonical is null)
            {
                var hint = string.Equals(name, "SharedAccessSignature", StringComparison.OrdinalIgnoreCase)
                    ? " (SAS connection strings are not supported; use an account key or a managed identity)"
                    : string.Empty;
                throw new ArgumentException($"The storage connection string has an unsupported setting '{SafeName(name)}'{hint}.", nameof(connectionString));
            }

            if (!parts.TryAdd(canonical, segment[(eq + 1)..].Trim()))
            {
                throw Invalid(canonical, "appears more than once");
            }
        }

        return parts;
    }

    private static string Required(Dictionary<string, string> parts, string name) =>
        parts.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new ArgumentException($"The storage connection string is missing '{name}'.", "connectionString");

    private static byte[] DecodeKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0
            ? buffer[..written]
            : throw Invalid("AccountKey", "is not valid base64");
    }

    private static Uri ParseEndpoint(string setting, string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ||
            !string.IsNullOrEmpty(uri.Query))
        {
            throw Invalid(setting, "must be an absolute http(s) URI without a query");
        }

        // No trailing slash: request paths are appended as "/name".
        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
    }

    private static ArgumentException Invalid(string setting, string reason) =>
        new($"The storage connection string setting '{setting}' {reason}.", "connectionString");

    /// <summary>Setting names are not secrets, but a garbled string could put a secret where a name should be.</summary>
    private static string SafeName(string name) => name.Length <= 32 && name.All(char.IsAsciiLetterOrDigit) ? name : "(unreadable)";
}
