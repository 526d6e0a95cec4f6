namespace PrivacySync.Functions.Api;

/// <summary>One problem with a request, named by the body field, route value or query parameter it is about.</summary>
public sealed record ApiError(string Field, string Message);
