using System.Text;

namespace PrivacySync.Sandbox.HrRest;

/// <summary>The sandbox HR system's shared secret and replay window (override in tests through DI).</summary>
public sealed record HrRestSimulatorOptions
{
    public static readonly byte[] DefaultSigningKey = Encoding.UTF8.GetBytes("sandbox-hr-rest-request-signing-key-0001");

    public byte[] SigningKey { get; init; } = DefaultSigningKey;

    public TimeSpan ReplayWindow { get; init; } = TimeSpan.FromSeconds(300);

    public int MaxPageSize { get; init; } = 500;
}
