using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using PrivacySync.Functions.CustomHandler;
using PrivacySync.Functions.Functions;
using PrivacySync.Functions.Hosting.Metadata;

namespace PrivacySync.Functions.Cli;

/// <summary><c>handler</c>: the custom handler the Functions host starts (host.json customHandler arguments).</summary>
public static class HandlerCommand
{
    public const string Name = "handler";

    public static Command Create(TextWriter error)
    {
        var scriptRoot = CliOptions.ScriptRoot();
        var port = new Option<int?>("--port")
        {
            Description = $"Port on 127.0.0.1 (default: ${CustomHandlerOptions.PortVariable}, set by the Functions host).",
        };
        var command = new Command(Name, "Serve the Functions host's invocations on 127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT.") { scriptRoot, port };
        command.SetAction(async (parsed, ct) =>
        {
            var chosenPort = parsed.GetValue(port) ?? PortFromEnvironment();
            if (chosenPort is not (> 0 and <= 65535))
            {
                await error.WriteLineAsync($"Set {CustomHandlerOptions.PortVariable} (the Functions host does) or pass --port 1-65535.");
                return ExitCodes.InvalidInput;
            }

            WebApplication app;
            try
            {
                app = CustomHandlerApp.Build(new CustomHandlerOptions
                {
                    ScriptRoot = CliOptions.ResolveScriptRoot(parsed.GetValue(scriptRoot)),
                    Port = chosenPort.Value,
                    ConfigureServices = (services, configuration) => services.AddPrivacySyncFunctions(configuration),
                });
            }
            catch (FunctionAppConfigurationException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return ExitCodes.InvalidInput;
            }

            await using (app)
            {
                try
                {
                    await app.RunAsync();
                }
                catch (Exception ex) when (StartupFailures.IsConfiguration(ex))
                {
                    await error.WriteLineAsync(StartupFailures.Describe(ex));
                    return ExitCodes.InvalidInput;
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static int? PortFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable(CustomHandlerOptions.PortVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;
}
