namespace PrivacySync.Sandbox.Entra;

/// <summary>Knobs of the Entra-like issuer: its one tenant and how long tokens live (Entra's default is 60–90 minutes).</summary>
public sealed class EntraSimulatorOptions
{
    public string TenantId { get; init; } = "5e7c2a91-4b3d-4f6e-8a1c-2d9b0e4f7a63";

    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);
}
