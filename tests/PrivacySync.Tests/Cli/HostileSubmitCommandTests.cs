using PrivacySync.Cli;
using PrivacySync.Tests.Api;
using PrivacySync.Tests.Core.Requests;

namespace PrivacySync.Tests.Cli;

/// <summary>The hostile corpus through <c>privacysync submit</c>: exit code 2, the field named, nothing stored.</summary>
public sealed class HostileSubmitCommandTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("privacysync-hostile-").FullName;

    private ApiServer Api => fixture.Server;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string, string> Corpus() => HostileIdentifiers.AtIntake();

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task AHostileIdentifierExitsWith2NamingTheFieldAndSubmitsNothing(string @case, string field, string value)
    {
        var form = Api.Form(Api.Norway, ApiServer.Anna, f => f[field] = value);
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, HostileIntakeTests.Escaped(form), TestContext.Current.CancellationToken);
        var cli = new CliRunner();

        var exit = await cli.RunAsync(["submit", "--api", Api.BaseAddress.ToString(), "--token", await Api.Entra.UserTokenAsync(ApiServer.Anna), "--file", path]);

        Assert.True(exit == ExitCodes.InvalidInput, $"{@case}: exit {exit}: {cli.Error}");
        Assert.Contains($"{field}:", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(value, cli.Error, StringComparison.Ordinal);

        // Nothing was bound to the submission id: the same id with a clean form is a new request.
        var corrected = Api.Form(Api.Norway, ApiServer.Anna, f => f["submissionId"] = form["submissionId"]);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await Api.SendAsync(HttpMethod.Post, "/api/requests", corrected)).Response.StatusCode);
    }
}
