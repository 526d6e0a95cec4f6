using System.IO.Compression;
using System.Net;
using Azure.Storage.Blobs;
using ICSharpCode.SharpZipLib.Zip;
using ZipFile = ICSharpCode.SharpZipLib.Zip.ZipFile;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Assembly;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Persistence;
using PrivacySync.Functions.Orchestration;
using PrivacySync.Storage.Stores;
using PrivacySync.Tests.Core.Assembly;

namespace PrivacySync.Tests.Api;

/// <summary>
/// Secure delivery of the export package through the published app on Azurite: sealed at rest with the package key,
/// served decrypted through the officer's link, and as an AES-256 password-protected copy whose password is shown once.
/// </summary>
public sealed class PackageDeliveryTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiServer Api => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An access request of Sweden with a real export package stored as the collector stores it.</summary>
    private async Task<(string Id, byte[] Package)> RequestWithPackageAsync()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Sweden, ApiServer.Sara));
        var package = await ExportTestData.WriteAsync(ExportTestData.Request(), [ExportTestData.Succeeded(
            "hubspot", "HubSpot", ExportTestData.Record("contacts", new JObject { ["email"] = "kari.nordmann@example.no" }))]);
        Assert.True(await Api.Get<IOutputStore>().TryCreateAsync(id, OutputFiles.ExportPackage, new MemoryStream(package), "application/zip", Ct));
        var store = Api.Get<IRequestStore>();
        var stored = (await store.GetAsync(id, Ct))!;
        await store.TryReplaceAsync(stored.Value with { Outputs = [OutputFiles.ExportPackage] }, stored.ETag, Ct);
        return (id, package);
    }

    private async Task<byte[]> RawBlobAsync(string id, string file)
    {
        var blob = new BlobContainerClient(Api.Storage.ConnectionString, StoreNames.OutputsContainer).GetBlobClient($"{id}/{file}");
        return (await blob.DownloadContentAsync(Ct)).Value.Content.ToArray();
    }

    private async Task<(HttpResponseMessage Response, JObject Body)> AskForLinkAsync(string id, string file) =>
        await Api.SendAsync(HttpMethod.Post, $"/api/requests/{id}/outputs/{file}/link", new JObject(), officer: ApiServer.Sara);

    private async Task<byte[]> DownloadAsync(string url)
    {
        var response = await (await Api.AsAsync(ApiServer.Sara)).GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    [Fact]
    public async Task TheStoredPackageIsNoZipWithoutTheKeyAndTheLinkServesTheValidPackage()
    {
        var (id, package) = await RequestWithPackageAsync();

        var stored = await RawBlobAsync(id, OutputFiles.ExportPackage);
        var (issued, link) = await AskForLinkAsync(id, OutputFiles.ExportPackage);
        var served = await DownloadAsync((string)link["url"]!);

        Assert.False(stored.AsSpan(0, 2).SequenceEqual("PK"u8));
        Assert.Equal(-1, stored.AsSpan().IndexOf("kari.nordmann"u8));
        Assert.ThrowsAny<InvalidDataException>(() => new ZipArchive(new MemoryStream(stored)));
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Null(link["password"]);
        Assert.Equal(package, served);
        Assert.True((await ExportPackageReader.VerifyAsync(new MemoryStream(served), Ct)).IsValid);
    }

    [Fact]
    public async Task TheProtectedCopyOpensWithThePasswordShownOnceAndNotWithout()
    {
        var (id, _) = await RequestWithPackageAsync();

        var (first, issued) = await AskForLinkAsync(id, OutputFiles.ProtectedExportPackage);
        var (second, again) = await AskForLinkAsync(id, OutputFiles.ProtectedExportPackage);
        var password = (string?)issued["password"];
        var served = await DownloadAsync((string)again["url"]!);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotNull(password);
        Assert.Null(again["password"]);
        using (var zip = new ZipFile(new MemoryStream(served)) { Password = password })
        {
            using var reader = new StreamReader(zip.GetInputStream(zip.GetEntry(ExportPackageWriter.ManifestPath)));
            Assert.StartsWith("{", (await reader.ReadToEndAsync(Ct)).TrimStart(), StringComparison.Ordinal);
            Assert.All(zip.Cast<ZipEntry>(), e => Assert.Equal(256, e.AESKeySize));
        }

        using (var locked = new ZipFile(new MemoryStream(served)))
        {
            Assert.ThrowsAny<Exception>(() => locked.GetInputStream(locked.GetEntry(ExportPackageWriter.ManifestPath)).ReadByte());
        }

        Assert.False((await RawBlobAsync(id, OutputFiles.ProtectedExportPackage)).AsSpan(0, 2).SequenceEqual("PK"u8));
        var trail = await Api.Get<IAuditLog>().ReadAsync(id, Ct);
        var made = Assert.Single(trail, e => e.Action == AuditActions.ProtectedPackageMade);
        Assert.Equal(ApiServer.Sara, made.Actor);
        Assert.DoesNotContain(trail, e => Newtonsoft.Json.JsonConvert.SerializeObject(e).Contains(password!, StringComparison.Ordinal));
        var (_, view) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", officer: ApiServer.Sara);
        Assert.Contains(view["outputs"]!, o => (string?)o["file"] == OutputFiles.ProtectedExportPackage);
        Assert.DoesNotContain(password!, view.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoProtectedCopyIsMadeForARequestWithoutAPackage()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Sweden, ApiServer.Sara));

        var (response, body) = await AskForLinkAsync(id, OutputFiles.ProtectedExportPackage);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("file", (string?)Assert.Single((JArray)body["errors"]!)["field"]);
        Assert.Null(await Api.Get<IOutputStore>().OpenAsync(id, OutputFiles.ProtectedExportPackage, Ct));
    }
}
