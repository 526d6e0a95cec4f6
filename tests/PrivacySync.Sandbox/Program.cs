using System.Runtime.InteropServices;
using PrivacySync.Sandbox.Cli;
using PrivacySync.Sandbox.Hosting;

// usage: PrivacySync.Sandbox <simulator>[=port] ...   e.g. hubspot=7101 graph=0
// Prints one line per simulator: "<name> <base-url>", then runs until Ctrl-C / SIGTERM.
// PrivacySync.Sandbox seed|demo ... are the local environment's tools (see --help).
if (args.Length > 0 && SandboxCli.Commands.Contains(args[0]))
{
    return await SandboxCli.RunAsync(args, Console.Out, Console.Error);
}

if (args.Length == 0)
{
    Console.Error.WriteLine($"usage: PrivacySync.Sandbox <simulator>[=port] ...  (simulators: {string.Join(", ", SimulatorCatalog.All.Select(s => s.Name))})");
    return 2;
}

var hosts = new List<SimulatorHost>();
try
{
    foreach (var arg in args)
    {
        var parts = arg.Split('=', 2);
        var port = 0;
        if (parts.Length == 2 && !int.TryParse(parts[1], out port))
        {
            Console.Error.WriteLine($"'{arg}': the port must be a number");
            return 2;
        }

        var host = await SimulatorHost.StartAsync(SimulatorCatalog.Find(parts[0]), port);
        hosts.Add(host);
        Console.WriteLine($"{parts[0]} {host.BaseAddress.ToString().TrimEnd('/')}");
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
// The web hosts' own console lifetimes swallow SIGTERM/SIGINT; listen for them here so the process ends.
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
foreach (var host in hosts) await host.DisposeAsync();
return 0;
