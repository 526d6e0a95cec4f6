using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.HubSpot;

/// <summary>An error the simulator answers with HubSpot's error body (status, message, correlationId, category).</summary>
internal sealed class SandboxApiException(int statusCode, string category, string message, JArray? errors = null)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Category { get; } = category;

    public JArray? Errors { get; } = errors;

    public static SandboxApiException NotFound(string message = "resource not found") => new(404, "OBJECT_NOT_FOUND", message);

    public static SandboxApiException Validation(string message, string? code = null, string? @in = null)
    {
        var detail = new JObject { ["message"] = message };
        if (code is not null) detail["code"] = code;
        if (@in is not null) detail["in"] = @in;
        return new(400, "VALIDATION_ERROR", message, [detail]);
    }
}
