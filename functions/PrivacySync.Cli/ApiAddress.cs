using System.CommandLine;

namespace PrivacySync.Cli;

/// <summary>The function app's address as given with --api: its base URL, with or without the /api route prefix.</summary>
internal static class ApiAddress
{
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

    /// <summary>The officer's Entra ID access token for the API (--token), sent as a bearer token.</summary>
    public static Option<string> TokenOption() => new("--token")
    {
        Description = "Your Entra ID access token for the API (sent as Authorization: Bearer; the sandbox's token endpoint issues one, see README).",
        Required = true,
    };

    public static HttpClient CreateClient(string? token)
    {
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        if (!string.IsNullOrEmpty(token))
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
