using Newtonsoft.Json.Linq;
using PrivacySync.Cli;
using PrivacySync.Tests.Api;

namespace PrivacySync.Tests.Cli;

/// <summary><c>submit</c> and <c>status</c> against the function app over HTTP.</summary>
public sealed class SubmitAndStatusCommandTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("privacysync-submit-").FullName;

    private ApiServer Api => fixture.Server;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> FormFileAsync(JObject form)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, form.ToString(), TestContext.Current.CancellationToken);
        return path;
    }

    /// <summary>The API and Sara's access token from the sandbox issuer.</summary>
    private async Task<string[]> ConnectionAsync() => ["--api", Api.BaseAddress.ToString(), "--token", await Api.Entra.UserTokenAsync(ApiServer.Sara)];

    [Fact]
    public async Task SubmitPrintsTheAnswerAndStatusShowsTheRequest()
    {
        var cli = new CliRunner();
        var file = await FormFileAsync(Api.Form(Api.Sweden, ApiServer.Sara));

        Assert.Equal(ExitCodes.Success, await cli.RunAsync(["submit", .. await ConnectionAsync(), "--file", file]));
        var id = (string)JObject.Parse(cli.Output)["requestId"]!;

        Assert.Equal(ExitCodes.Success, await cli.RunAsync(["status", .. await ConnectionAsync(), "--id", id]));
        Assert.Contains($"Request {id}: dispatched", cli.Output, StringComparison.Ordinal);
        Assert.Contains($"access for {Api.Sweden}", cli.Output, StringComparison.Ordinal);
        Assert.Contains("No system tasks yet.", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidFormExitsWith2AndPrintsEveryError()
    {
        var cli = new CliRunner();
        var file = await FormFileAsync(Api.Form(Api.Sweden, ApiServer.Sara, f =>
        {
            f["subjectEmail"] = "nope";
            f["requestType"] = "nope";
        }));

        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync(["submit", .. await ConnectionAsync(), "--file", file]));
        Assert.Contains("subjectEmail:", cli.Error, StringComparison.Ordinal);
        Assert.Contains("requestType:", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingOrForeignTokenOrAnUnknownRequestExitsWith1()
    {
        var cli = new CliRunner();
        var file = await FormFileAsync(Api.Form(Api.Sweden, ApiServer.Sara));

        Assert.Equal(ExitCodes.Failure, await cli.RunAsync("submit", "--api", Api.BaseAddress.ToString(), "--token", "wrong", "--file", file));
        Assert.Contains("401", cli.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, await cli.RunAsync(["status", .. await ConnectionAsync(), "--id", "dsr-20260101000000-abcdefghjkmnpqrs"]));
    }

    [Fact]
    public async Task BadArgumentsExitWith2()
    {
        var cli = new CliRunner();

        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync(["submit", .. await ConnectionAsync(), "--file", Path.Combine(_folder, "missing.json")]));
        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("submit", "--api", "ftp://example.com", "--token", "t", "--file", await FormFileAsync([])));
        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync(["status", .. await ConnectionAsync(), "--id", "123"]));
        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("status", "--id", "dsr-20260101000000-abcdefghjkmnpqrs"));
    }
}
