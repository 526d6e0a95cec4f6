namespace PrivacySync.Functions.Api;

/// <summary>Limits of the request API.</summary>
public static class RequestApiOptions
{
    /// <summary>The largest request body the API reads (the Teams form is a few KiB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The largest page ListRequests returns.</summary>
    public const int MaxPageSize = 100;

}
