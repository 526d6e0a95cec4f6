using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Tests.Infra;

/// <summary>The function app's functions, as the deployment must account for them.</summary>
internal static class AppFunctions
{
    /// <summary>The one function the on-premises host runs (and the cloud app disables).</summary>
    public const string OnPremOnly = FunctionNames.RunOnPremSystemTask;

    /// <summary>
    /// Every function name, from the <c>[Function]</c> attributes of the app's assembly — what the worker SDK writes into
    /// functions.metadata at publish and what the worker reports to the host.
    /// </summary>
    public static IReadOnlyList<string> Names()
    {
        var names = typeof(FunctionNames).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        return names.Count > 0 ? names : throw new InvalidOperationException("No [Function] in the app's assembly.");
    }
}
