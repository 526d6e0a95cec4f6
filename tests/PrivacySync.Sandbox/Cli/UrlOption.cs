using System.CommandLine;

namespace PrivacySync.Sandbox.Cli;

/// <summary>An option holding an absolute http(s) URL (System.CommandLine has no Uri parser of its own).</summary>
internal static class UrlOption
{
    public static Option<Uri> Create(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"{name} must be an absolute http(s) URL (got '{text}').");
            return null;
        },
    };
}
