namespace PrivacySync.Sandbox.Seeding;

/// <summary>Where the simulators listen. <see cref="Graph"/> is the API root (…/v1.0); <see cref="GraphRoot"/> the simulator's own.</summary>
internal sealed record SandboxAddresses
{
    public SandboxAddresses(Uri hubspot, string hubspotToken, Uri graph, Uri hr, Uri entra)
    {
        Entra = Trim(entra);
        HubSpot = Trim(hubspot);
        HubSpotToken = hubspotToken;
        var root = Trim(graph).AbsoluteUri;
        GraphRoot = new Uri(root.EndsWith("/v1.0", StringComparison.OrdinalIgnoreCase) ? root[..^"/v1.0".Length] : root);
        Graph = new Uri(GraphRoot.AbsoluteUri.TrimEnd('/') + "/v1.0");
        Hr = Trim(hr);
    }

    public Uri HubSpot { get; }

    public string HubSpotToken { get; }

    public Uri GraphRoot { get; }

    public Uri Graph { get; }

    public Uri Hr { get; }

    /// <summary>The Entra-like issuer (the sign-in authority's instance; tenants are paths under it).</summary>
    public Uri Entra { get; }

    /// <summary>Base URLs are written without a trailing slash.</summary>
    public static string Text(Uri uri) => uri.AbsoluteUri.TrimEnd('/');

    private static Uri Trim(Uri uri) => new(uri.AbsoluteUri.TrimEnd('/'));
}
