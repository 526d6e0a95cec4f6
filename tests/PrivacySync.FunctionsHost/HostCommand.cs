using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using PrivacySync.FunctionsHost.Configuration;

namespace PrivacySync.FunctionsHost;

/// <summary>The command line: parse, start, print the ready line, run until SIGTERM/Ctrl-C, stop gracefully.</summary>
internal static class HostCommand
{
    private const string Usage =
        "usage: PrivacySync.FunctionsHost --app <publish folder> [--port 7071] [--function-key K] [--master-key K] [--grace-seconds 10]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? app = null;
        int port = 7071;
        string? functionKey = null;
        string? masterKey = null;
        var grace = TimeSpan.FromSeconds(10);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--app": app = Value(); break;
                    case "--port": port = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--function-key": functionKey = Value(); break;
                    case "--master-key": masterKey = Value(); break;
                    case "--grace-seconds": grace = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                    case "-h" or "--help": Console.Error.WriteLine(Usage); return 0;
                    default: throw new ArgumentException($"unknown argument '{args[i]}'");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine($"error: {e.Message}\n{Usage}");
                return 2;
            }
        }

        if (app is null)
        {
            Console.Error.WriteLine($"error: --app is required\n{Usage}");
            return 2;
        }

        IReadOnlyDictionary<string, LogLevel> levels;
        try
        {
            levels = HostJson.Load(Path.GetFullPath(app)).LogLevels;
        }
        catch (FunctionsHostStartException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        // Logs go to stderr: stdout carries only the ready line.
        using var loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            });
            logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.AddFilter("Microsoft", LogLevel.Warning);
            logging.AddFilter("Grpc", LogLevel.Warning);
            // The admin results never use data protection; its "no key encryptor" warning is noise here.
            logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
            foreach (var (category, level) in levels)
            {
                if (category.Equals("default", StringComparison.OrdinalIgnoreCase))
                {
                    logging.SetMinimumLevel(level);
                }
                else
                {
                    logging.AddFilter(category, level);
                }
            }
        });

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        FunctionsHost host;
        try
        {
            host = await FunctionsHost.StartAsync(
                new FunctionsHostOptions
                {
                    AppDirectory = app,
                    Port = port,
                    FunctionKey = functionKey,
                    MasterKey = masterKey,
                    ShutdownGracePeriod = grace,
                    LoggerFactory = loggerFactory,
                },
                stop.Token);
        }
        catch (FunctionsHostStartException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }

        await using (host)
        {
            Console.Out.WriteLine(host.ReadyLine);
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM or Ctrl-C.
            }

            await host.StopAsync(CancellationToken.None);
        }

        return 0;
    }
}
