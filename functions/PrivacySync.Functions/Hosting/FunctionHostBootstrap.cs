using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrivacySync.Functions.Hosting.Metadata;

namespace PrivacySync.Functions.Hosting;

/// <summary>The start-up steps both modes share: settings, services, loading and checking the script root.</summary>
internal static class FunctionHostBootstrap
{
    /// <summary>Checked before a host is built: the host uses the script root as its content root.</summary>
    public static void EnsureScriptRootExists(FunctionHostOptions options)
    {
        if (!Directory.Exists(options.ScriptRoot))
        {
            throw new FunctionAppConfigurationException(
                [new ConfigurationProblem(options.ScriptRoot, "the script root directory does not exist (it must hold host.json and one <FunctionName>/function.json per function).")]);
        }
    }

    public static void Configure(IHostApplicationBuilder builder, FunctionHostOptions options)
    {
        if (!options.UseDefaultConfigurationSources)
        {
            builder.Configuration.Sources.Clear();
        }

        if (options.Settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(options.Settings);
        }

        // Per-request framework logs would drown the function logs; the caller's logging setup may override.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.AddFunctionHosting(options.TimeProvider);
        options.ConfigureServices?.Invoke(builder.Services, builder.Configuration);
    }

    /// <summary>Loads the script root and checks it against the registered handlers; throws with every problem found.</summary>
    public static FunctionApp LoadAndValidate(
        IServiceProvider services,
        string scriptRoot,
        IConfiguration settings,
        Func<FunctionApp, IEnumerable<ConfigurationProblem>>? extraChecks = null)
    {
        var loaded = FunctionAppLoader.Load(scriptRoot, settings);
        var problems = loaded.Problems.ToList();
        if (loaded.App is { } app)
        {
            problems.AddRange(FunctionAppLoader.CheckRegistrations(app, services.GetRequiredService<FunctionRegistry>(), loaded.DeclaredFunctions));
            if (extraChecks is not null)
            {
                problems.AddRange(extraChecks(app));
            }
        }

        return problems.Count == 0 && loaded.App is not null
            ? loaded.App
            : throw new FunctionAppConfigurationException(problems);
    }

    private static IServiceCollection AddFunctionHosting(this IServiceCollection services, TimeProvider timeProvider)
    {
        services.Replace(ServiceDescriptor.Singleton(timeProvider));
        services.TryAddSingleton<FunctionRegistry>();
        services.TryAddSingleton<FunctionInvoker>();
        return services;
    }
}
