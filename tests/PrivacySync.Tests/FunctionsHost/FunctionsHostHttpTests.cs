using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Tests.FunctionsHost;

[Collection(nameof(FunctionsHostCollection))]
public sealed class FunctionsHostHttpTests(ProbeAppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProxiesRequestsToTheWorkerWithRouteParametersAndKeys()
    {
        await using var probe = await ProbeHost.StartAsync(fixture);
        var http = probe.Http;

        var noKey = await http.GetAsync("/api/items/abc?q=1", Ct);
        var wrongKey = await http.GetAsync("/api/items/abc?code=nope", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        var byQuery = await http.GetAsync($"/api/items/abc?q=first&code={ProbeHost.FunctionKey}", Ct);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        var body = JObject.Parse(await byQuery.Content.ReadAsStringAsync(Ct));
        Assert.Equal("abc", (string?)body["id"]);
        Assert.Equal("first", (string?)body["q"]);
        Assert.True(Guid.TryParse((string?)body["invocation"], out _), "the worker saw the x-ms-invocation-id header");

        using var byHeader = new HttpRequestMessage(HttpMethod.Get, "/api/items/42?q=second");
        byHeader.Headers.Add("x-functions-key", ProbeHost.FunctionKey);
        var headerResponse = await http.SendAsync(byHeader, Ct);
        Assert.Equal(HttpStatusCode.OK, headerResponse.StatusCode);
        Assert.Equal("42", (string?)JObject.Parse(await headerResponse.Content.ReadAsStringAsync(Ct))["id"]);

        using var byMaster = new HttpRequestMessage(HttpMethod.Get, "/api/items/m");
        byMaster.Headers.Add("x-functions-key", ProbeHost.MasterKey);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(byMaster, Ct)).StatusCode);

        // Only the methods in the metadata are routed.
        var post = await http.PostAsync($"/api/items/abc?code={ProbeHost.FunctionKey}", new StringContent("x"), Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/nothing-here", Ct)).StatusCode);
    }

    [Fact]
    public async Task AnonymousFunctionNeedsNoKeyAndGetsTheRawBody()
    {
        await using var probe = await ProbeHost.StartAsync(fixture);
        var payload = string.Concat(Enumerable.Repeat("ünïcode-body;", 20_000));

        var response = await probe.Http.PostAsync("/api/echo", new StringContent(payload, Encoding.UTF8, "application/octet-stream"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(payload, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task AnswersFiveHundredWhenTheFunctionThrows()
    {
        await using var probe = await ProbeHost.StartAsync(fixture);

        var response = await probe.Http.GetAsync("/api/boom", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(probe.Logs.Entries, e => e.Category == "Host.Function" && e.Message.Contains("'Boom' (failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HonoursTheRoutePrefixOfHostJson()
    {
        var app = fixture.Variant(hostJson => hostJson["extensions"]!["http"]!["routePrefix"] = "v2");
        await using var probe = await ProbeHost.StartAsync(fixture, app);

        Assert.Equal(HttpStatusCode.Created, (await probe.Http.PostAsync("/v2/echo", new StringContent("x"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await probe.Http.PostAsync("/api/echo", new StringContent("x"), Ct)).StatusCode);
    }
}
