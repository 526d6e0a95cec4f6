using System.CommandLine;
using PrivacySync.Sandbox.Demo;
using PrivacySync.Sandbox.Seeding;

namespace PrivacySync.Sandbox.Cli;

/// <summary>The sandbox's tools besides running simulators: <c>seed</c> and <c>demo</c> (used by ./run.sh demo and serve).</summary>
public static class SandboxCli
{
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.Ordinal) { "seed", "demo", "addenda", "--help", "-h", "help" };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "PrivacySync sandbox. Simulators: PrivacySync.Sandbox hubspot=0 graph=0 hr=0 (prints '<name> <url>' per simulator). Tools: seed, demo, addenda.")
        {
            SeedCommand.Create(output, error),
            DemoCommand.Create(output, error),
            AddendaCommand.Create(output, error),
        };
        var parsed = root.Parse(args.Length > 0 && args[0] == "help" ? ["--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            return 2;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
