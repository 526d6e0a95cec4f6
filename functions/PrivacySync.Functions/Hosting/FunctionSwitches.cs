using Microsoft.Extensions.Configuration;

namespace PrivacySync.Functions.Hosting;

/// <summary>The host's per-function switch: app setting <c>AzureWebJobs.&lt;Name&gt;.Disabled</c> = true (or 1).</summary>
public static class FunctionSwitches
{
    // App settings cannot hold '.' on every platform; AzureWebJobs__Name__Disabled arrives as AzureWebJobs:Name:Disabled.
    public static bool IsDisabled(IConfiguration configuration, string functionName) =>
        IsTrue(configuration[$"AzureWebJobs.{functionName}.Disabled"]) || IsTrue(configuration[$"AzureWebJobs:{functionName}:Disabled"]);

    private static bool IsTrue(string? value) =>
        value is not null && (value == "1" || bool.TryParse(value, out var flag) && flag);
}
