namespace PrivacySync.Connectors.Hr.Rest;

/// <summary>One internal system speaking infra/hr-rest/openapi.yaml.</summary>
public sealed record HrRestOptions
{
    /// <summary>Base URL, e.g. https://hr.internal.example.com (the contract's paths are appended).</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>The HMAC secret shared with the system (resolved from Key Vault by configuration).</summary>
    public required byte[] SigningKey { get; init; }

    /// <summary>Subject-facing name of the system, used when the system's records name no source.</summary>
    public string SystemName { get; init; } = "HR system";

    public int PageSize { get; init; } = 200;
}
