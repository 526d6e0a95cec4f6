using System.Globalization;
using Microsoft.Extensions.Configuration;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Functions.Orchestration;

/// <summary>
/// The Functions host's <c>functionTimeout</c> as this instance will get it: the app setting
/// <c>AzureFunctionsJobHost__functionTimeout</c> overrides host.json (in the script root). The host kills an invocation
/// that runs past it, so a task that hits <see cref="OrchestrationOptions.TaskTimeout"/> must still have time to record its
/// retry; the start-up check refuses a timeout that does not leave <see cref="OutcomeMargin"/>.
/// </summary>
public static class FunctionTimeout
{
    public const string OverrideSetting = "AzureFunctionsJobHost:functionTimeout";

    /// <summary>Time after the connector call's timeout to write the outcome, audit it and send the next message.</summary>
    public static readonly TimeSpan OutcomeMargin = TimeSpan.FromMinutes(1);

    /// <summary>Null when unbounded ("-1") or not set anywhere.</summary>
    /// <exception cref="InvalidOperationException">host.json or the setting holds something that is not a time span.</exception>
    public static TimeSpan? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[OverrideSetting];
        var source = OverrideSetting;
        if (string.IsNullOrEmpty(text))
        {
            var root = configuration["AzureWebJobsScriptRoot"] is { Length: > 0 } scriptRoot ? scriptRoot : AppContext.BaseDirectory;
            var hostJson = Path.Combine(root, "host.json");
            if (!File.Exists(hostJson))
            {
                return null;
            }

            text = (string?)JObject.Parse(File.ReadAllText(hostJson))["functionTimeout"];
            source = hostJson;
        }

        if (string.IsNullOrEmpty(text) || text == "-1")
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero
            ? timeout
            : throw new InvalidOperationException($"functionTimeout in {source}: '{text}' is not a time span (hh:mm:ss).");
    }

    /// <exception cref="InvalidOperationException">The host would kill a task before it could record its outcome.</exception>
    public static void EnsureAbove(TimeSpan? functionTimeout, TimeSpan taskTimeout)
    {
        if (functionTimeout is { } limit && limit < taskTimeout + OutcomeMargin)
        {
            throw new InvalidOperationException(
                $"The host's functionTimeout ({limit:c}) must exceed PrivacySync:TaskTimeout ({taskTimeout:c}) by at least {OutcomeMargin:c}: "
                + "otherwise the host kills a slow task before its retry is recorded. Raise functionTimeout (host.json) or lower TaskTimeout.");
        }
    }
}
