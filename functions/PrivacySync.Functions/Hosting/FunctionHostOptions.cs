using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PrivacySync.Functions.Hosting;

/// <summary>What both modes need: where the function.json files are, the settings and the app's services.</summary>
public abstract record FunctionHostOptions
{
    /// <summary>The folder holding host.json and one &lt;FunctionName&gt;/function.json per function (the build output by default).</summary>
    public string ScriptRoot { get; init; } = AppContext.BaseDirectory;

    /// <summary>Environment variables and appsettings.json; tests turn this off and pass <see cref="Settings"/> only.</summary>
    public bool UseDefaultConfigurationSources { get; init; } = true;

    /// <summary>Settings added after (and overriding) the default sources.</summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>Registers the functions (AddFunction) and what they depend on.</summary>
    public Action<IServiceCollection, IConfiguration>? ConfigureServices { get; init; }

    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
