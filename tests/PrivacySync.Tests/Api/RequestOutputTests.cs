using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Certificates;
using PrivacySync.Core.Persistence;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Tests.Api;

/// <summary>GET /api/requests/{id}/outputs/{file} with expiring signed links, and GET /api/certificates/key.</summary>
public sealed class RequestOutputTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Certificate = """{"certificate":{"requestId":"x"},"signature":{}}""";

    private ApiServer Api => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> RequestWithCertificateAsync()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Sweden, ApiServer.Sara, f => f["requestType"] = "erasure"));
        await Api.Get<IOutputStore>().SaveAsync(id, OutputFiles.Certificate, new MemoryStream(Encoding.UTF8.GetBytes(Certificate)), "application/json", Ct);
        var store = Api.Get<IRequestStore>();
        var stored = (await store.GetAsync(id, Ct))!;
        await store.TryReplaceAsync(stored.Value with { Outputs = [OutputFiles.Certificate] }, stored.ETag, Ct);
        return id;
    }

    [Fact]
    public async Task AValidLinkDownloadsTheOutputAsAnAttachmentWithoutAKey()
    {
        var id = await RequestWithCertificateAsync();
        var (_, shown) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}");

        var response = await Api.Anonymous.GetAsync((string)shown["certificateUrl"]!, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{id}-certificate.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(Certificate, await response.Content.ReadAsStringAsync(Ct));
        var downloaded = (await Api.Get<IAuditLog>().ReadAsync(id, Ct))[^1];
        Assert.Equal(AuditActions.Downloaded, downloaded.Action);
        Assert.Equal(OutputFiles.Certificate, downloaded.Details!["file"]);
    }

    [Fact]
    public async Task ATamperedOrExpiredLinkIs403()
    {
        var id = await RequestWithCertificateAsync();
        var (_, shown) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}");
        var link = (string)shown["certificateUrl"]!;
        var expires = long.Parse(link.Split("expires=")[1].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture);
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-3));
        var expired = new DownloadLinks(Options.Create(new OrchestrationOptions { LinkSecret = ApiServer.LinkSecret }), past).Create(id, OutputFiles.Certificate);

        var attempts = new[]
        {
            link[..^2] + (link[^2..] == "AA" ? "BB" : "AA"),
            link.Replace($"expires={expires}", $"expires={expires + 3600}", StringComparison.Ordinal),
            link.Replace("certificate.json", "export.zip", StringComparison.Ordinal),
            link.Split('?')[0],
            expired,
        };

        foreach (var attempt in attempts)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Api.Anonymous.GetAsync(attempt, Ct)).StatusCode);
        }

        Assert.DoesNotContain(await Api.Get<IAuditLog>().ReadAsync(id, Ct), e => e.Action == AuditActions.Downloaded);
    }

    [Fact]
    public async Task AValidLinkToAnOutputThatDoesNotExistIs404()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Sweden, ApiServer.Sara));
        var link = Api.Get<DownloadLinks>().Create(id, OutputFiles.ExportPackage);

        var response = await Api.Anonymous.GetAsync(link, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheCertificateKeyEndpointPublishesTheSigningKeysPublicHalf()
    {
        var (response, key) = await Api.SendAsync(HttpMethod.Get, "/api/certificates/key", client: Api.Anonymous);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var signing = CertificateKeys.LoadPrivateKeyPem(Api.SigningKeyPem);
        Assert.Equal(CertificateKeys.KeyId(signing), (string?)key["keyId"]);
        Assert.Equal("ES256", (string?)key["algorithm"]);
        using var published = CertificateKeys.LoadPublicKeyPem((string)key["publicKeyPem"]!);
        Assert.Equal(CertificateKeys.KeyId(signing), CertificateKeys.KeyId(published));

        var envelope = new CertificateSigner(signing).Sign(new JObject { ["requestId"] = "dsr-x", ["systems"] = new JArray("crm") });
        Assert.True(CertificateVerifier.Verify(envelope, (string)key["publicKeyPem"]!).IsValid);
    }
}
