using Microsoft.Extensions.Configuration;

namespace PrivacySync.Functions.Orchestration;

/// <summary>
/// The Functions host's per-function switch, app setting <c>AzureWebJobs.&lt;Name&gt;.Disabled</c> = true (or 1). The
/// host stops triggering a disabled function; the app reads the same switch to know what this instance serves, so
/// the cloud app (RunOnPremSystemTask disabled) never needs the on-premises systems' secrets and the on-premises host
/// (everything else disabled) needs neither the signing key nor the link secret.
/// </summary>
public static class FunctionSwitches
{
    // App settings cannot hold '.' on every platform; AzureWebJobs__Name__Disabled arrives as AzureWebJobs:Name:Disabled.
    public static bool IsDisabled(IConfiguration configuration, string functionName) =>
        IsTrue(configuration[$"AzureWebJobs.{functionName}.Disabled"]) || IsTrue(configuration[$"AzureWebJobs:{functionName}:Disabled"]);

    /// <summary>True when any of the functions runs in this instance.</summary>
    public static bool AnyEnabled(IConfiguration configuration, IEnumerable<string> functionNames) =>
        functionNames.Any(name => !IsDisabled(configuration, name));

    private static bool IsTrue(string? value) =>
        value is not null && (value == "1" || bool.TryParse(value, out var flag) && flag);
}
