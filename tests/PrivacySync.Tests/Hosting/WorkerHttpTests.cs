using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using PrivacySync.Functions.Functions.Health;
using PrivacySync.Functions.Hosting;
using PrivacySync.Functions.Worker;
using PrivacySync.Tests.Infrastructure;
using static PrivacySync.Tests.Hosting.TestScriptRoot;

namespace PrivacySync.Tests.Hosting;

/// <summary>Worker mode's HTTP side: routes under /api, the host's function-key check, payload-style HTTP functions.</summary>
[Collection(nameof(WorkerCollection))]
public sealed class WorkerHttpTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Key = "test-function-key";
    private readonly WorkerHarness _harness = new(azurite);
    private readonly HttpClient _client = new();
    private string _orders = "";

    public async ValueTask InitializeAsync()
    {
        _orders = _harness.QueueName("orders");
        _harness.Root.AddFunction("Health", HttpTrigger("health", "anonymous", "get"), HttpOutput());
        _harness.Root.AddFunction("Secret", HttpTrigger("secret", "function", "get"), HttpOutput());
        _harness.Root.AddFunction(Order.Name, HttpTrigger("orders/{priority}", "function", "post"), QueueOutput("orders", _orders), HttpOutput());
        var worker = await _harness.StartAsync(_harness.Options(services => services
            .AddFunction<HealthFunction>()
            .AddFunction<SecretFunction>()
            .AddFunction<ProbeHandler<Order>>()));
        _client.BaseAddress = worker.HttpAddress;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task FunctionAuthLevelRequiresTheKeyInHeaderOrQuery()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/secret", key: "wrong-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/secret?code=wrong-key")).StatusCode);

        var withHeader = await GetAsync("/api/secret", key: Key);
        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
        Assert.Equal("classified", await withHeader.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/api/secret?code={Key}")).StatusCode);
    }

    [Fact]
    public async Task AnonymousHealthAnswersWithoutAKey()
    {
        var response = await GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("ok", (string?)body["status"]);
        Assert.Equal(HealthFunction.Version, (string?)body["version"]);
    }

    [Fact]
    public async Task PayloadHttpFunctionWritesItsQueueOutputAndAnswersWithItsHttpOutput()
    {
        var probe = _harness.Probes.For<Order>();
        probe.Behaviour = (invocation, _) =>
        {
            var body = JObject.Parse((string)invocation.TriggerValue!["Body"]!);
            return Task.FromResult(FunctionResult
                .WithOutput("orders", (string)body["requestId"]!)
                .AndOutput("res", new JObject { ["statusCode"] = 202, ["body"] = "accepted" }));
        };

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders/high?source=teams")
        {
            Content = new StringContent("""{"requestId":"req-9"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-functions-key", Key);
        var response = await _client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("accepted", await response.Content.ReadAsStringAsync(Ct));
        var invocation = Assert.Single(probe.Invocations);
        Assert.Equal("POST", (string?)invocation.TriggerValue!["Method"]);
        Assert.Equal("high", (string?)invocation.TriggerValue["Params"]!["priority"]);
        Assert.Equal("teams", (string?)invocation.TriggerValue["Query"]!["source"]);
        Assert.Equal("high", invocation.Metadata["priority"]);
        Assert.Equal("req-9", Assert.Single(await _harness.Queue(_orders).PeekTextsAsync(Ct)));
    }

    [Fact]
    public async Task PayloadHttpFunctionChecksTheKeyToo()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        var response = await _client.PostAsync("/api/orders/high", content, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _harness.Probes.For<Order>().Count);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetAsync(string path, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await _client.SendAsync(request, Ct);
    }
}
