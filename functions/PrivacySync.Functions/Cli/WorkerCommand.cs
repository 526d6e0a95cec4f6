using System.CommandLine;
using PrivacySync.Functions.Functions;
using PrivacySync.Functions.Hosting.Metadata;
using PrivacySync.Functions.Worker;

namespace PrivacySync.Functions.Cli;

/// <summary><c>worker</c>: run the functions without the Functions host, against Azurite or Azure Storage.</summary>
public static class WorkerCommand
{
    public const string Name = "worker";

    public static Command Create(TextWriter error)
    {
        var scriptRoot = CliOptions.ScriptRoot();
        var queues = new Option<string?>("--queues")
        {
            Description = "Comma-separated queue names: poll only the functions triggered by these queues (default: all).",
        };
        var port = new Option<int>("--port")
        {
            Description = "HTTP port on 127.0.0.1 for the /api routes.",
            DefaultValueFactory = _ => 7071,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be 0-65535.");
            }
        });
        var noHttp = new Option<bool>("--no-http") { Description = "Do not serve the HTTP functions." };
        var noTimers = new Option<bool>("--no-timers") { Description = "Do not run the timer-triggered functions." };

        var command = new Command(Name, "Play the Functions host locally: queue triggers, timers and HTTP routes under /api.")
        {
            scriptRoot, queues, port, noHttp, noTimers,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var queueNames = parsed.GetValue(queues)?
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var options = new WorkerHostOptions
            {
                ScriptRoot = CliOptions.ResolveScriptRoot(parsed.GetValue(scriptRoot)),
                Queues = queueNames is { Length: > 0 } ? queueNames : null,
                HttpPort = parsed.GetValue(port),
                EnableHttp = !parsed.GetValue(noHttp),
                EnableTimers = !parsed.GetValue(noTimers),
                ConfigureServices = (services, configuration) => services.AddPrivacySyncFunctions(configuration),
            };

            WorkerHost worker;
            try
            {
                worker = WorkerHost.Create(options);
            }
            catch (FunctionAppConfigurationException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return ExitCodes.InvalidInput;
            }

            await using (worker)
            {
                try
                {
                    await worker.StartAsync(ct);
                }
                catch (Exception ex) when (StartupFailures.IsConfiguration(ex))
                {
                    await error.WriteLineAsync(StartupFailures.Describe(ex));
                    return ExitCodes.InvalidInput;
                }

                await worker.WaitForShutdownAsync(ct);
                await worker.StopAsync(CancellationToken.None);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
