using Microsoft.Extensions.Configuration;
using PrivacySync.Cli;

namespace PrivacySync.Tests.Cli;

/// <summary>Runs the command line in-process and keeps what it printed.</summary>
internal sealed class CliRunner(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
{
    public string Output { get; private set; } = "";

    public string Error { get; private set; } = "";

    public async Task<int> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var code = await CliApp.RunAsync(args, output, error, configuration, time);
        Output = output.ToString();
        Error = error.ToString();
        return code;
    }
}
