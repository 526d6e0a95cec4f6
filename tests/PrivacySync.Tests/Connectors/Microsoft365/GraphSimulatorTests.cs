using System.Net;
using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;
using PrivacySync.Sandbox.Graph;

namespace PrivacySync.Tests.Connectors.Microsoft365;

/// <summary>The simulator's own protocol behaviour, over raw HTTP.</summary>
public sealed class GraphSimulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnswersAMissingTokenWithGraphsErrorBodyAndRequestId()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(sandbox.BaseUrl + "/users", Ct);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (string?)body["error"]?["code"]);
        Assert.Equal(response.Headers.GetValues("request-id").Single(), (string?)body["error"]?["innerError"]?["request-id"]);
        Assert.NotNull(body["error"]?["innerError"]?["date"]);
    }

    [Fact]
    public async Task DeniesARequestWhoseTokenLacksTheAppRole()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var user = await sandbox.CreateUserAsync("kari@contoso.example");
        using var http = Client(sandbox, "User.Read.All");

        using var response = await http.GetAsync($"{sandbox.BaseUrl}/users/{user.Id}/messages", Ct);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ErrorAccessDenied", (string?)body["error"]?["code"]);
    }

    [Fact]
    public async Task LimitsEachMailboxToFourConcurrentRequests()
    {
        await using var sandbox = await GraphSandbox.StartAsync(new GraphSimulatorOptions { MailboxLatency = TimeSpan.FromMilliseconds(500) });
        var user = await sandbox.CreateUserAsync("kari@contoso.example");
        using var http = Client(sandbox, "Mail.Read");

        var responses = await Task.WhenAll(Enumerable.Range(0, 7).Select(_ => http.GetAsync($"{sandbox.BaseUrl}/users/{user.Id}/messages", Ct)));

        var throttled = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, throttled.Count);
        var body = JObject.Parse(await throttled[0].Content.ReadAsStringAsync(Ct));
        Assert.Equal("ApplicationThrottled", (string?)body["error"]?["code"]);
        Assert.Contains("MailboxConcurrency", (string?)body["error"]?["message"]);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled[0].Headers.RetryAfter?.Delta);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task RequiresConsistencyLevelAndCountForAdvancedUserQueries()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        await sandbox.CreateUserAsync("kari@contoso.example");
        using var http = Client(sandbox, "User.Read.All");
        var url = $"{sandbox.BaseUrl}/users?$filter=mail ne null&$count=true";

        using var plain = await http.GetAsync(url, Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("ConsistencyLevel", "eventual");
        using var advanced = await http.SendAsync(request, Ct);
        var body = JObject.Parse(await advanced.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        Assert.Equal(1, (int?)body["@odata.count"]);
    }

    [Fact]
    public async Task PagesWithAnAbsoluteNextLinkThatRepeatsTheQuery()
    {
        await using var sandbox = await GraphSandbox.StartAsync();
        var user = await sandbox.CreateUserAsync("kari@contoso.example");
        for (var i = 0; i < 5; i++)
        {
            sandbox.AddMessage(user.Id!, "a@b.example", ["kari@contoso.example"], DateTimeOffset.UtcNow.AddMinutes(-i), $"m{i}");
        }

        using var http = Client(sandbox, "Mail.Read");
        var first = JObject.Parse(await http.GetStringAsync($"{sandbox.BaseUrl}/users/{user.Id}/messages?$top=2&$select=subject", Ct));
        var next = (string)first["@odata.nextLink"]!;
        var second = JObject.Parse(await http.GetStringAsync(next, Ct));

        Assert.StartsWith(sandbox.BaseUrl + "/users/", next);
        Assert.Contains("$select=subject", next);
        Assert.Equal(["m0", "m1"], first["value"]!.Select(v => (string?)v["subject"]));
        Assert.Equal(["m2", "m3"], second["value"]!.Select(v => (string?)v["subject"]));
        Assert.Null(first["value"]![0]!["from"]);
    }

    [Fact]
    public async Task CapsMessageSearchResultsAndRejectsSortingThem()
    {
        await using var sandbox = await GraphSandbox.StartAsync(new GraphSimulatorOptions { SearchResultCap = 3 });
        var user = await sandbox.CreateUserAsync("kari@contoso.example");
        for (var i = 0; i < 5; i++)
        {
            sandbox.AddMessage(user.Id!, "a@b.example", ["kari@contoso.example"], DateTimeOffset.UtcNow.AddMinutes(-i));
        }

        using var http = Client(sandbox, "Mail.Read");
        var search = $"{sandbox.BaseUrl}/users/{user.Id}/messages?$search=\"from:a@b.example\"&$top=10";
        var found = JObject.Parse(await http.GetStringAsync(search, Ct));
        using var sorted = await http.GetAsync(search + "&$orderby=receivedDateTime desc", Ct);

        Assert.Equal(3, ((JArray)found["value"]!).Count);
        Assert.Null(found["@odata.nextLink"]);
        Assert.Equal(HttpStatusCode.BadRequest, sorted.StatusCode);
    }

    private static HttpClient Client(GraphSandbox sandbox, params string[] roles)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.Tenant.IssueToken(roles));
        return http;
    }
}
