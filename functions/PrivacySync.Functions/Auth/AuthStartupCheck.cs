using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PrivacySync.Core.Configuration;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Functions.Auth;

/// <summary>
/// Where the officer-facing API runs, stops the start (naming the setting) when the AzureAd settings are unusable or
/// the configuration gives no sign-in identity for the officers; an instance without the API (on premises) needs neither.
/// </summary>
internal sealed class AuthStartupCheck(IOptions<AzureAdOptions> azureAd, Lazy<PrivacySyncOptions> options, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!FunctionSwitches.AnyEnabled(configuration, FunctionNames.OfficerApi))
        {
            return Task.CompletedTask;
        }

        var problems = azureAd.Value.Problems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The officer API needs the Entra ID app registration: " + string.Join(" ", problems));
        }

        if (options.Value.Officers.Count == 0)
        {
            throw new InvalidOperationException(
                "PrivacySync:ConfigPath: 'Officers' must give each officer's Entra ID object id ({\"Id\": \"anna.berg\", \"ObjectId\": \"<guid>\"}) where the officer API runs.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
