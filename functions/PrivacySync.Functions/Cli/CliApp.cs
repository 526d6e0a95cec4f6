using System.CommandLine;
using Microsoft.Extensions.Configuration;
using PrivacySync.Functions.CustomHandler;

namespace PrivacySync.Functions.Cli;

/// <summary>
/// The command line: one static class per command (Cli/&lt;Name&gt;Command.cs with a Create() method), added here.
/// Without a command, the custom handler starts when the Functions host has set FUNCTIONS_CUSTOMHANDLER_PORT.
/// </summary>
public static class CliApp
{
    /// <param name="settings">Where tools read AzureWebJobsStorage from; the environment variables by default.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, IConfiguration? settings = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        settings ??= new ConfigurationBuilder().AddEnvironmentVariables().Build();

        var root = new RootCommand("PrivacySync function app: custom handler for the Azure Functions host, worker mode and tools.");
        root.Subcommands.Add(HandlerCommand.Create(error));
        root.Subcommands.Add(WorkerCommand.Create(error));
        root.Subcommands.Add(SubmitCommand.Create(output, error));
        root.Subcommands.Add(StatusCommand.Create(output, error));
        root.Subcommands.Add(VerifyCommand.Create(output, error));
        root.Subcommands.Add(VerifyAuditCommand.Create(settings, output, error));
        root.Subcommands.Add(DeadlineCommand.Create(output, error));
        root.Subcommands.Add(ReplayPoisonCommand.Create(settings, output, error));
        root.Subcommands.Add(KeygenCommand.Create(output, error));
        root.SetAction(_ =>
        {
            error.WriteLine("Choose a command: handler | worker | submit | status | verify | verify-audit | deadline | replay-poison | keygen (see --help).");
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
