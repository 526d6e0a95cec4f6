using PrivacySync.Functions.Cli;
using static PrivacySync.Tests.Hosting.TestScriptRoot;

namespace PrivacySync.Tests.Hosting;

/// <summary>The command line refuses bad input and configuration with exit code 2 and a message saying why.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TestScriptRoot _root = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _root.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task NoCommandExitsWith2()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is not null, "running under a Functions host");

        Assert.Equal(ExitCodes.InvalidInput, await RunAsync());
        Assert.Contains("handler | worker", _error.ToString());
    }

    [Fact]
    public async Task UnknownOptionExitsWith2AndNamesIt()
    {
        Assert.Equal(ExitCodes.InvalidInput, await RunAsync("worker", "--bogus"));
        Assert.Contains("--bogus", _error.ToString());
    }

    [Fact]
    public async Task PortOutOfRangeExitsWith2()
    {
        Assert.Equal(ExitCodes.InvalidInput, await RunAsync("worker", "--port", "70000"));
        Assert.Contains("--port", _error.ToString());
    }

    [Fact]
    public async Task HandlerWithoutAPortExitsWith2NamingTheVariable()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is not null, "running under a Functions host");

        Assert.Equal(ExitCodes.InvalidInput, await RunAsync("handler", "--script-root", _root.Path));
        Assert.Contains("FUNCTIONS_CUSTOMHANDLER_PORT", _error.ToString());
    }

    [Fact]
    public async Task WorkerWithABrokenFunctionJsonExitsWith2NamingTheFile()
    {
        var file = _root.AddFunction("Broken", "{ not json");

        Assert.Equal(ExitCodes.InvalidInput, await RunAsync("worker", "--script-root", _root.Path, "--no-http"));
        Assert.Contains(file, _error.ToString());
    }

    [Fact]
    public async Task WorkerWithAMissingScriptRootExitsWith2NamingIt()
    {
        var missing = Path.Combine(_root.Path, "no-such-folder");

        Assert.Equal(ExitCodes.InvalidInput, await RunAsync("worker", "--script-root", missing, "--no-http"));
        Assert.Contains(missing, _error.ToString());
    }

    private Task<int> RunAsync(params string[] args) => CliApp.RunAsync(args, _output, _error);
}
