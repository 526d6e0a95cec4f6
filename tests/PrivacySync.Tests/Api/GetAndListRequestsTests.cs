using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Connectors;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Core.Tasks;
using PrivacySync.Functions.Orchestration;

namespace PrivacySync.Tests.Api;

/// <summary>GET /api/requests/{id} and GET /api/requests: what an officer sees, filters and paging.</summary>
public sealed class GetAndListRequestsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiServer Api => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUnknownIdIs404AndAMalformedIdIs400()
    {
        var (missing, missingBody) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{new RequestIds(TimeProvider.System).Next()}", officer: ApiServer.Sara);
        var (malformed, malformedBody) = await Api.SendAsync(HttpMethod.Get, "/api/requests/DSR-1", officer: ApiServer.Sara);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("id", (string?)Assert.Single((JArray)missingBody["errors"]!)["field"]);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("id", (string?)Assert.Single((JArray)malformedBody["errors"]!)["field"]);
    }

    [Fact]
    public async Task EachSystemsTaskIsShownWithItsCategoryOutcomes()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Sweden, ApiServer.Sara, f => f["requestType"] = "erasure"));
        var now = DateTimeOffset.UtcNow;
        var tasks = Api.Get<ITaskStore>();
        var crm = SystemTask.Plan(id, "crm", now).Start(now).Succeed(
            new SystemOutcome(
            [
                new CategoryOutcome("contact-details", OutcomeKind.Erased, 3, "Customer relationship", "Art. 6(1)(b)"),
                CategoryOutcome.Retained("invoices", 2, "Bookkeeping Act", new DateOnly(2031, 12, 31)),
                CategoryOutcome.ManualAction("paper-archive", "Shred folder 12"),
            ]),
            null,
            now);
        var hr = SystemTask.Plan(id, "hr", now).Start(now).Fail("HR database unreachable after 6 attempts", now);
        var mail = SystemTask.Plan(id, "mail", now);
        foreach (var task in new[] { crm, hr, mail })
        {
            Assert.True(await tasks.TryCreateAsync(task, Ct));
        }

        var (_, shown) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", officer: ApiServer.Sara);

        var views = ((JArray)shown["tasks"]!).Cast<JObject>().ToList();
        Assert.Equal(["crm", "hr", "mail"], views.Select(t => (string)t["system"]!));
        Assert.Equal("succeeded", (string?)views[0]["status"]);
        Assert.Equal(1, (int)views[0]["attempts"]!);
        Assert.Equal("completed-with-exceptions", (string?)views[0]["outcome"]);
        var categories = ((JArray)views[0]["categories"]!).Cast<JObject>().ToList();
        Assert.Equal(
            JObject.Parse("""
                {"category":"contact-details","outcome":"erased","records":3,"purpose":"Customer relationship","legalBasis":"Art. 6(1)(b)",
                 "field":null,"retainedUntil":null,"instructions":null,"reason":null}
                """),
            categories[0],
            JToken.EqualityComparer);
        Assert.Equal("retained", (string?)categories[1]["outcome"]);
        Assert.Equal("2031-12-31", (string?)categories[1]["retainedUntil"]);
        Assert.Equal("Bookkeeping Act", (string?)categories[1]["legalBasis"]);
        Assert.Equal("manual-action-required", (string?)categories[2]["outcome"]);
        Assert.Equal("Shred folder 12", (string?)categories[2]["instructions"]);
        Assert.Equal("failed", (string?)views[1]["outcome"]);
        Assert.Equal("HR database unreachable after 6 attempts", (string?)views[1]["error"]);
        Assert.Equal("pending", (string?)views[2]["status"]);
        Assert.Equal(JTokenType.Null, views[2]["outcome"]!.Type);
    }

    [Fact]
    public async Task OutputsAppearOnceTheRequestRecordsThemWithWhereToAskForALinkAndNoLink()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Sweden, ApiServer.Sara, f => f["requestType"] = "erasure"));
        var store = Api.Get<IRequestStore>();
        var stored = (await store.GetAsync(id, Ct))!;
        Assert.NotNull(await store.TryReplaceAsync(stored.Value with { Outputs = [OutputFiles.Certificate] }, stored.ETag, Ct));

        var (_, shown) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", officer: ApiServer.Sara);

        var output = (JObject)Assert.Single((JArray)shown["outputs"]!);
        Assert.Equal(new JObject { ["file"] = "certificate.json", ["linkUrl"] = $"/api/requests/{id}/outputs/certificate.json/link" }, output, JToken.EqualityComparer);
        Assert.DoesNotContain("sig=", shown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOfficerSeesAndListsOnlyTheirEntitiesRequests()
    {
        var norwegian = await Api.SubmitAsync(Api.Form(Api.Norway, ApiServer.Anna));
        var swedish = await Api.SubmitAsync(Api.Form(Api.Sweden, ApiServer.Sara));

        var (other, otherBody) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{norwegian}", officer: ApiServer.Sara);
        var (own, _) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{swedish}", officer: ApiServer.Sara);
        var (otherList, otherListBody) = await Api.SendAsync(HttpMethod.Get, $"/api/requests?entity={Api.Norway}", officer: ApiServer.Sara);
        var (_, all) = await Api.SendAsync(HttpMethod.Get, "/api/requests?pageSize=100", officer: ApiServer.Sara);

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("entity", (string?)Assert.Single((JArray)otherBody["errors"]!)["field"]);
        Assert.DoesNotContain(norwegian, otherBody.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherList.StatusCode);
        Assert.Equal("entity", (string?)Assert.Single((JArray)otherListBody["errors"]!)["field"]);
        var seen = new List<string>();
        var page = all;
        while (true)
        {
            seen.AddRange(((JArray)page["items"]!).Select(i => (string)i["entity"]!));
            if ((string?)page["continuationToken"] is not { } token)
            {
                break;
            }

            (_, page) = await Api.SendAsync(HttpMethod.Get, "/api/requests?pageSize=100&continuationToken=" + Uri.EscapeDataString(token), officer: ApiServer.Sara);
        }

        Assert.Contains(Api.Sweden, seen);
        Assert.All(seen, entity => Assert.Contains(entity, new[] { Api.Sweden, Api.Listing }));
    }

    [Fact]
    public async Task TheListFiltersByStatusAndEntityAndPagesWithAToken()
    {
        var dispatched1 = await Api.SubmitAsync(Api.Form(Api.Listing, ApiServer.Sara));
        var waiting = await Api.SubmitAsync(Api.Form(Api.Listing, ApiServer.Sara, f => f["identityVerification"] = "pending"));
        var dispatched2 = await Api.SubmitAsync(Api.Form(Api.Listing, ApiServer.Sara, f => f["requestType"] = "objection"));

        var (_, awaiting) = await Api.SendAsync(HttpMethod.Get, $"/api/requests?status=awaiting-verification&entity={Api.Listing}", officer: ApiServer.Sara);
        var item = (JObject)Assert.Single((JArray)awaiting["items"]!);
        Assert.Equal(waiting, (string?)item["requestId"]);
        Assert.Null(item["tasks"]);
        Assert.Equal(Api.Listing, (string?)item["entity"]);
        Assert.Equal(JTokenType.Null, awaiting["continuationToken"]!.Type);

        var pages = new List<JArray>();
        string? token = null;
        do
        {
            var (response, page) = await Api.SendAsync(HttpMethod.Get, $"/api/requests?entity={Api.Listing}&status=dispatched&pageSize=1"
                + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)), officer: ApiServer.Sara);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add((JArray)page["items"]!);
            token = (string?)page["continuationToken"];
        }
        while (token is not null && pages.Count < 10);

        Assert.All(pages, page => Assert.True(page.Count <= 1));
        var ids = pages.SelectMany(p => p).Select(i => (string)i["requestId"]!).ToList();
        // Ids sort by their creation second; within one second the order is the random suffix's.
        Assert.Equal(new[] { dispatched1, dispatched2 }.Order(StringComparer.Ordinal), ids);
        Assert.All(pages.SelectMany(p => p), i => Assert.Equal("dispatched", (string?)i["status"]));
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("status=Dispatched", "status")]
    [InlineData("entity=no-such-entity", "entity")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("continuationToken=%21%21%21", "continuationToken")]
    [InlineData("sort=dueOn", "sort")]
    public async Task AnInvalidListParameterIs400NamingIt(string query, string field)
    {
        var (response, body) = await Api.SendAsync(HttpMethod.Get, "/api/requests?" + query, officer: ApiServer.Sara);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (string?)Assert.Single((JArray)body["errors"]!)["field"]);
    }
}
