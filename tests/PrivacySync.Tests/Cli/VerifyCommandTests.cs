using Newtonsoft.Json.Linq;
using PrivacySync.Core.Certificates;
using PrivacySync.Cli;
using PrivacySync.Tests.Api;

namespace PrivacySync.Tests.Cli;

/// <summary><c>verify</c>: exit 0 valid, 1 tampered or wrong key, 2 unusable input.</summary>
public sealed class VerifyCommandTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("privacysync-verify-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JObject Body() => new()
    {
        ["requestId"] = "dsr-20261122101500-abcdefghjkmnpqrs",
        ["systems"] = new JArray(new JObject { ["system"] = "crm", ["outcome"] = "erased" }),
    };

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text, Ct);
        return path;
    }

    private async Task<(string Certificate, string PublicKey)> SignedAsync(string pem)
    {
        using var key = CertificateKeys.LoadPrivateKeyPem(pem);
        var certificate = await WriteAsync("certificate.json", new CertificateSigner(key).Sign(Body()));
        var publicKey = await WriteAsync("public.pem", CertificateKeys.ExportPublicKeyPem(key));
        return (certificate, publicKey);
    }

    [Fact]
    public async Task AnIntactCertificateIsValidWithTheKeyFileOrTheApisKey()
    {
        var (certificate, publicKey) = await SignedAsync(fixture.Server.SigningKeyPem);
        var cli = new CliRunner();

        Assert.Equal(ExitCodes.Success, await cli.RunAsync("verify", certificate, "--key", publicKey));
        Assert.Contains("Valid", cli.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await cli.RunAsync("verify", certificate, "--api", fixture.Server.BaseAddress.ToString()));
    }

    [Fact]
    public async Task AChangedCertificateOrAnotherKeyExitsWith1()
    {
        var (certificate, publicKey) = await SignedAsync(fixture.Server.SigningKeyPem);
        var tampered = await WriteAsync("tampered.json", (await File.ReadAllTextAsync(certificate, Ct)).Replace("\"erased\"", "\"retained\"", StringComparison.Ordinal));
        using var other = CertificateKeys.GenerateDevelopmentKey();
        var otherKey = await WriteAsync("other.pem", CertificateKeys.ExportPublicKeyPem(other));
        var cli = new CliRunner();

        Assert.Equal(ExitCodes.Failure, await cli.RunAsync("verify", tampered, "--key", publicKey));
        Assert.Contains("tampered", cli.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, await cli.RunAsync("verify", certificate, "--key", otherKey));
        Assert.Contains("wrong key", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnusableInputExitsWith2()
    {
        var (certificate, publicKey) = await SignedAsync(fixture.Server.SigningKeyPem);
        var notJson = await WriteAsync("broken.json", "this is not a certificate");
        var notAKey = await WriteAsync("not-a-key.pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        var cli = new CliRunner();

        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("verify", notJson, "--key", publicKey));
        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("verify", certificate, "--key", notAKey));
        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("verify", Path.Combine(_folder, "missing.json"), "--key", publicKey));
        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("verify", certificate));
        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("verify", certificate, "--key", publicKey, "--api", fixture.Server.BaseAddress.ToString()));
        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("verify", certificate, "--api", "not a url"));
    }
}
