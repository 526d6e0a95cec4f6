namespace PrivacySync.Tests.Cli;

/// <summary>The command line refuses bad input with exit code 2 and a message saying why.</summary>
public sealed class CliAppTests
{
    [Fact]
    public async Task NoCommandExitsWith2AndListsTheCommands()
    {
        var cli = new CliRunner();

        Assert.Equal(2, await cli.RunAsync());
        Assert.Contains("submit | status | verify | verify-audit | deadline | replay-poison | reconcile | keygen", cli.Error);
    }

    [Fact]
    public async Task UnknownOptionExitsWith2AndNamesIt()
    {
        var cli = new CliRunner();

        Assert.Equal(2, await cli.RunAsync("deadline", "--bogus"));
        Assert.Contains("--bogus", cli.Error);
    }

    [Fact]
    public async Task UnknownCommandExitsWith2AndNamesIt()
    {
        var cli = new CliRunner();

        Assert.Equal(2, await cli.RunAsync("worker"));
        Assert.Contains("worker", cli.Error);
    }
}
