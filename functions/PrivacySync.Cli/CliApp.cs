using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace PrivacySync.Cli;

/// <summary>
/// The <c>privacysync</c> command line: one static class per command (&lt;Name&gt;Command.cs with a Create() method),
/// added here. Tools for officers and operators; the function app itself runs under the Functions host.
/// </summary>
public static class CliApp
{
    /// <param name="settings">Where tools read AzureWebJobsStorage from; the environment variables by default.</param>
    /// <param name="time">The clock of the commands that read one (reconcile); the system clock by default.</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter? output = null, TextWriter? error = null, IConfiguration? settings = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        error ??= Console.Error;
        settings ??= new ConfigurationBuilder().AddEnvironmentVariables().Build();

        var root = new RootCommand("PrivacySync tools: submit and follow requests, verify certificates and audit chains, replay poison messages, reconcile, make keys.");
        root.Subcommands.Add(SubmitCommand.Create(output, error));
        root.Subcommands.Add(StatusCommand.Create(output, error));
        root.Subcommands.Add(VerifyCommand.Create(settings, output, error));
        root.Subcommands.Add(VerifyAuditCommand.Create(settings, output, error));
        root.Subcommands.Add(DeadlineCommand.Create(output, error));
        root.Subcommands.Add(ReplayPoisonCommand.Create(settings, output, error));
        root.Subcommands.Add(ReconcileCommand.Create(settings, output, error, time));
        root.Subcommands.Add(KeygenCommand.Create(output, error));
        root.SetAction(_ =>
        {
            error.WriteLine("Choose a command: submit | status | verify | verify-audit | deadline | replay-poison | reconcile | keygen (see --help).");
            return ExitCodes.InvalidInput;
        });

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            return ExitCodes.InvalidInput;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
    }
}
