namespace PrivacySync.Cli;

/// <summary>The function app's address as given with --api: its base URL, with or without the /api route prefix.</summary>
internal static class ApiAddress
{
    public const string KeyHeader = "x-functions-key";

    /// <summary>The absolute URL of <paramref name="path"/> (starting with /api/), or null when <paramref name="api"/> is not an http(s) URL.</summary>
    public static Uri? Resolve(string? api, string path)
    {
        if (!Uri.TryCreate(api, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var root = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (root.EndsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            root = root[..^4];
        }

        return new Uri(root + path);
    }

    public static string Invalid(string? api) => $"--api must be the function app's http(s) address, e.g. http://127.0.0.1:7071 (got '{api}').";

    public static HttpClient CreateClient(string? key)
    {
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        if (!string.IsNullOrEmpty(key))
        {
            client.DefaultRequestHeaders.Add(KeyHeader, key);
        }

        return client;
    }
}
