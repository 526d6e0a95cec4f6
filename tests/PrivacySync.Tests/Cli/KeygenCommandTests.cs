using PrivacySync.Core.Certificates;
using PrivacySync.Cli;

namespace PrivacySync.Tests.Cli;

public sealed class KeygenCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("privacysync-keygen-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WritesAPkcs8P256KeyReadableByItsOwnerOnly()
    {
        var path = Path.Combine(_folder, "signing.pem");
        var cli = new CliRunner();

        Assert.Equal(ExitCodes.Success, await cli.RunAsync("keygen", "--out", path));

        var pem = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        using var key = CertificateKeys.LoadPrivateKeyPem(pem);
        Assert.Contains(CertificateKeys.KeyId(key), cli.Output, StringComparison.Ordinal);
        Assert.Contains(CertificateKeys.ExportPublicKeyPem(key), cli.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task RefusesToOverwriteAnExistingFile()
    {
        var path = Path.Combine(_folder, "existing.pem");
        await File.WriteAllTextAsync(path, "keep me", TestContext.Current.CancellationToken);
        var cli = new CliRunner();

        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("keygen", "--out", path));
        Assert.Contains("refusing to overwrite", cli.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AFolderThatDoesNotExistExitsWith2()
    {
        var cli = new CliRunner();

        Assert.Equal(ExitCodes.InvalidInput, await cli.RunAsync("keygen", "--out", Path.Combine(_folder, "missing", "key.pem")));
    }
}
