using System.Text;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using static PrivacySync.Tests.Core.Assembly.ExportTestData;

namespace PrivacySync.Tests.Core.Assembly;

public sealed class ExportPackageReaderTests
{
    private static Task<byte[]> PackageAsync() => WriteAsync(Request(), [Succeeded(
        "hubspot",
        "HubSpot",
        Record("contacts", new JObject { ["email"] = "kari@example.no" }),
        Record("notes", new JObject { ["text"] = "Called about invoice" }))]);

    private static Task<ExportPackageVerification> VerifyAsync(byte[] zip) =>
        ExportPackageReader.VerifyAsync(new MemoryStream(zip), TestContext.Current.CancellationToken);

    [Fact]
    public async Task UntouchedPackageVerifies()
    {
        var verification = await VerifyAsync(await PackageAsync());

        Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
        Assert.Equal(5, verification.FilesChecked);
        Assert.Empty(verification.Problems);
    }

    [Fact]
    public async Task ChangedFileIsReportedByPath()
    {
        var zip = Rewrite(await PackageAsync(), (name, bytes) =>
            name == "systems/hubspot/notes.json" ? Encoding.UTF8.GetBytes(Text(bytes).Replace("invoice", "invoices", StringComparison.Ordinal)) : bytes);

        var verification = await VerifyAsync(zip);

        Assert.False(verification.IsValid);
        Assert.Equal(["systems/hubspot/notes.json: SHA-256 does not match manifest.json."], verification.Problems);
    }

    [Fact]
    public async Task MissingFileIsReported()
    {
        var zip = Rewrite(await PackageAsync(), (name, bytes) => name == "summary.html" ? null : bytes);

        var verification = await VerifyAsync(zip);

        Assert.False(verification.IsValid);
        Assert.Equal(["summary.html: listed in manifest.json but missing from the archive."], verification.Problems);
    }

    [Fact]
    public async Task UnlistedFileIsReported()
    {
        var zip = Rewrite(await PackageAsync(), (_, bytes) => bytes, new Dictionary<string, byte[]> { ["systems/hubspot/extra.json"] = "[]"u8.ToArray() });

        var verification = await VerifyAsync(zip);

        Assert.False(verification.IsValid);
        Assert.Equal(["systems/hubspot/extra.json: in the archive but not listed in manifest.json."], verification.Problems);
    }

    [Fact]
    public async Task PackageWithoutManifestIsInvalid()
    {
        var zip = Rewrite(await PackageAsync(), (name, bytes) => name == "manifest.json" ? null : bytes);

        var verification = await VerifyAsync(zip);

        Assert.False(verification.IsValid);
        Assert.Equal(["The package has no manifest.json."], verification.Problems);
    }

    [Fact]
    public async Task NonZipInputIsInvalid()
    {
        var verification = await VerifyAsync("this is not a zip file at all"u8.ToArray());

        Assert.False(verification.IsValid);
        Assert.Equal(["The input is not a ZIP archive."], verification.Problems);
    }
}
