using System.CommandLine;
using PrivacySync.Functions.CustomHandler;

namespace PrivacySync.Functions.Cli;

/// <summary>
/// The command line: one static class per command (Cli/&lt;Name&gt;Command.cs with a Create() method), added here.
/// Without a command, the custom handler starts when the Functions host has set FUNCTIONS_CUSTOMHANDLER_PORT.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;

        var root = new RootCommand("PrivacySync function app: custom handler for the Azure Functions host, worker mode and tools.");
        root.Subcommands.Add(HandlerCommand.Create(error));
        root.Subcommands.Add(WorkerCommand.Create(error));
        root.SetAction(_ =>
        {
            error.WriteLine("Choose a command: handler | worker (see --help).");
            return ExitCodes.InvalidInput;
        });

        if (args.Length == 0 && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(CustomHandlerOptions.PortVariable)))
        {
            args = [HandlerCommand.Name];
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            return ExitCodes.InvalidInput;
        }

        // Ctrl+C / SIGTERM are left to the generic host's console lifetime, which lets the worker shut down gracefully.
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
    }
}
