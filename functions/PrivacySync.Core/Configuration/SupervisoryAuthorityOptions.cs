namespace PrivacySync.Core.Configuration;

/// <summary>Where the subject may complain (e.g. Datatilsynet, IMY).</summary>
public sealed record SupervisoryAuthorityOptions
{
    public string? Name { get; init; }

    public string? Url { get; init; }
}
