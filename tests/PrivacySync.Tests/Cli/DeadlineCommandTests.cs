using PrivacySync.Cli;

namespace PrivacySync.Tests.Cli;

public sealed class DeadlineCommandTests
{
    [Theory]
    // One month later, on a working day.
    [InlineData("2025-03-10", "NO", false, "2025-04-10")]
    // 31 January → 28 February (the month's last day), a Friday.
    [InlineData("2025-01-31", "NO", false, "2025-02-28")]
    // 17 May 2025 is a Saturday and Norway's Constitution Day: Monday 19 May.
    [InlineData("2025-04-17", "NO", false, "2025-05-19")]
    // 9 June 2025 is Whit Monday in Norway (not in Sweden).
    [InlineData("2025-05-09", "NO", false, "2025-06-10")]
    [InlineData("2025-05-09", "SE", false, "2025-06-09")]
    // 6 June 2025, Sweden's National Day, is a Friday: Monday 9 June.
    [InlineData("2025-05-06", "SE", false, "2025-06-09")]
    // Extended: three months; 17 January 2025 is a Friday.
    [InlineData("2024-10-17", "SE", true, "2025-01-17")]
    public async Task PrintsTheDueDate(string received, string jurisdiction, bool extended, string due)
    {
        var cli = new CliRunner();
        string[] args = extended
            ? ["deadline", "--received", received, "--jurisdiction", jurisdiction, "--extended"]
            : ["deadline", "--received", received, "--jurisdiction", jurisdiction];

        Assert.Equal(ExitCodes.Success, await cli.RunAsync(args));
        Assert.Equal(due, cli.Output.Trim());
    }

    [Theory]
    [InlineData("2025-02-30", "NO", "--received")]
    [InlineData("17.05.2025", "NO", "--received")]
    [InlineData("2025-05-17", "DK", "--jurisdiction")]
    public async Task BadInputExitsWith2NamingTheOption(string received, string jurisdiction, string option)
    {
        var cli = new CliRunner();

        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("deadline", "--received", received, "--jurisdiction", jurisdiction));
        Assert.Contains(option, cli.Error, StringComparison.Ordinal);
        Assert.Equal("", cli.Output);
    }

    [Fact]
    public async Task AMissingOptionExitsWith2()
    {
        var cli = new CliRunner();

        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("deadline", "--received", "2025-05-17"));
        Assert.Contains("--jurisdiction", cli.Error, StringComparison.Ordinal);
    }
}
