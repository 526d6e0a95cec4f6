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

/// <summary>
/// POST /api/requests/{id}/outputs/{file}/link and the download through it (bound to request, file and officer,
/// bounded lifetime), and GET /api/certificates/key.
/// </summary>
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

    private async Task<(HttpResponseMessage Response, JObject Body)> AskForLinkAsync(string id, string file, string officer, JObject? body = null) =>
        await Api.SendAsync(HttpMethod.Post, $"/api/requests/{id}/outputs/{file}/link", body ?? new JObject(), officer: officer);

    [Fact]
    public async Task ALinkIssuedOnRequestDownloadsTheOutputWithTheSameOfficersToken()
    {
        var id = await RequestWithCertificateAsync();

        var (issued, link) = await AskForLinkAsync(id, OutputFiles.Certificate, ApiServer.Sara);
        var response = await (await Api.AsAsync(ApiServer.Sara)).GetAsync((string)link["url"]!, Ct);

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var expiresAt = DateTimeOffset.Parse((string)link["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{id}-certificate.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(Certificate, await response.Content.ReadAsStringAsync(Ct));
        var trail = await Api.Get<IAuditLog>().ReadAsync(id, Ct);
        Assert.Equal([AuditActions.LinkIssued, AuditActions.Downloaded], trail.TakeLast(2).Select(e => e.Action));
        Assert.All(trail.TakeLast(2), e => Assert.Equal(ApiServer.Sara, e.Actor));
        Assert.Equal(OutputFiles.Certificate, trail[^1].Details!["file"]);
    }

    [Fact]
    public async Task ReadingARequestMintsNoLink()
    {
        var id = await RequestWithCertificateAsync();

        var (_, first) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", officer: ApiServer.Sara);
        var (_, second) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", officer: ApiServer.Sara);

        Assert.Equal(first["outputs"], second["outputs"], JToken.EqualityComparer);
        Assert.DoesNotContain("sig=", first.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await Api.Get<IAuditLog>().ReadAsync(id, Ct), e => e.Action == AuditActions.LinkIssued);
    }

    [Fact]
    public async Task ALinkUsedByAnotherOfficerForAnotherFileOrRequestOrTamperedIsRefused()
    {
        var id = await RequestWithCertificateAsync();
        var other = await RequestWithCertificateAsync();
        var (_, issued) = await AskForLinkAsync(id, OutputFiles.Certificate, ApiServer.Sara);
        var link = (string)issued["url"]!;
        var expires = long.Parse(link.Split("expires=")[1].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture);
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-3));
        var expired = new DownloadLinks(Options.Create(new OrchestrationOptions { LinkSecret = ApiServer.LinkSecret }), past)
            .Issue(id, OutputFiles.Certificate, ApiServer.Sara).Url;
        var sara = await Api.AsAsync(ApiServer.Sara);

        var attempts = new (HttpClient Client, string Url, HttpStatusCode Status, string Field)[]
        {
            (await Api.AsAsync(ApiServer.Anna), link, HttpStatusCode.Forbidden, "officer"),
            (sara, link.Replace(id, other, StringComparison.Ordinal), HttpStatusCode.Forbidden, "sig"),
            (sara, link.Replace("certificate.json", "export.zip", StringComparison.Ordinal), HttpStatusCode.Forbidden, "sig"),
            (sara, link.Replace($"officer={ApiServer.Sara}", $"officer={ApiServer.Anna}", StringComparison.Ordinal), HttpStatusCode.Forbidden, "sig"),
            (sara, link[..^2] + (link[^2..] == "AA" ? "BB" : "AA"), HttpStatusCode.Forbidden, "sig"),
            (sara, link.Replace($"expires={expires}", $"expires={expires + 3600}", StringComparison.Ordinal), HttpStatusCode.Forbidden, "sig"),
            (sara, link.Split('?')[0], HttpStatusCode.Forbidden, "sig"),
            (sara, expired, HttpStatusCode.Forbidden, "sig"),
            (Api.Anonymous, link, HttpStatusCode.Unauthorized, "Authorization"),
            (Api.Client, link, HttpStatusCode.Unauthorized, "Authorization"),
        };

        foreach (var (client, url, status, field) in attempts)
        {
            var (response, body) = await Api.SendAsync(HttpMethod.Get, url, client: client);
            Assert.True(response.StatusCode == status, $"{url}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
            Assert.Equal(field, (string?)Assert.Single((JArray)body["errors"]!)["field"]);
        }

        Assert.DoesNotContain(await Api.Get<IAuditLog>().ReadAsync(id, Ct), e => e.Action == AuditActions.Downloaded);
        Assert.DoesNotContain(await Api.Get<IAuditLog>().ReadAsync(other, Ct), e => e.Action == AuditActions.Downloaded);
        var denied = Assert.Single(await Api.Get<IAuditLog>().ReadAsync(id, Ct), e => e.Action == AuditActions.AccessDenied);
        Assert.Equal(ApiServer.Anna, denied.Actor);
    }

    [Fact]
    public async Task ALinkIsIssuedOnlyToAnOfficerOfTheEntityForAProducedOutputWithinTheMaximumLifetime()
    {
        var id = await RequestWithCertificateAsync();

        var cases = new (string File, string Officer, JObject? Body, HttpStatusCode Status, string Field)[]
        {
            (OutputFiles.Certificate, ApiServer.Anna, null, HttpStatusCode.Forbidden, "entity"),
            (OutputFiles.ExportPackage, ApiServer.Sara, null, HttpStatusCode.NotFound, "file"),
            ("passwords.txt", ApiServer.Sara, null, HttpStatusCode.BadRequest, "file"),
            (OutputFiles.Certificate, ApiServer.Sara, new JObject { ["lifetimeMinutes"] = 61 }, HttpStatusCode.BadRequest, "lifetimeMinutes"),
            (OutputFiles.Certificate, ApiServer.Sara, new JObject { ["lifetimeMinutes"] = 0 }, HttpStatusCode.BadRequest, "lifetimeMinutes"),
            (OutputFiles.Certificate, ApiServer.Sara, new JObject { ["lifetimeMinutes"] = "5" }, HttpStatusCode.BadRequest, "lifetimeMinutes"),
            (OutputFiles.Certificate, ApiServer.Sara, new JObject { ["officer"] = ApiServer.Anna }, HttpStatusCode.BadRequest, "officer"),
            (OutputFiles.Certificate, ApiServer.Sara, new JObject { ["respondingOfficer"] = ApiServer.ObjectId(ApiServer.Anna) }, HttpStatusCode.Forbidden, "respondingOfficer"),
        };

        foreach (var (file, officer, body, status, field) in cases)
        {
            var (response, answer) = await AskForLinkAsync(id, file, officer, body);
            Assert.True(response.StatusCode == status, $"{file} {body}: expected {(int)status}, got {(int)response.StatusCode}: {answer}");
            Assert.Equal(field, (string?)Assert.Single((JArray)answer["errors"]!)["field"]);
        }

        Assert.DoesNotContain(await Api.Get<IAuditLog>().ReadAsync(id, Ct), e => e.Action == AuditActions.LinkIssued);
        var (shorter, link) = await AskForLinkAsync(id, OutputFiles.Certificate, ApiServer.Sara, new JObject { ["lifetimeMinutes"] = 5 });
        Assert.Equal(HttpStatusCode.Created, shorter.StatusCode);
        Assert.InRange(DateTimeOffset.Parse((string)link["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow,
            TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(6));
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
