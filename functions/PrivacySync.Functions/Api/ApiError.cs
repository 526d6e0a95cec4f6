namespace PrivacySync.Functions.Api;

/// <summary>One problem with a request, named by the body field, route value or query parameter it is about.</summary>
public sealed record ApiError(string Field, string Message)
{
    /// <summary>The refusal of a route id that is not a request id; one wording for every endpoint that takes one.</summary>
    public static ApiError InvalidRequestId { get; } = new("id", "is not a request id (dsr-<yyyyMMddHHmmss>-<16 characters>)");
}
