using System.Globalization;
using System.Net;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Deadlines;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Api;

/// <summary>POST /api/requests/{id}/decision: verify, four-eyes approval, reject, extend — with audit and dispatch.</summary>
public sealed class DecideRequestTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiServer Api => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JObject Decision(string decision, string officer, string? reason = null, string? method = null)
    {
        var body = ApiServer.By(officer, new JObject { ["decision"] = decision });
        if (reason is not null)
        {
            body["reason"] = reason;
        }

        if (method is not null)
        {
            body["method"] = method;
        }

        return body;
    }

    [Fact]
    public async Task AnUnverifiedRequestWaitsUntilAnOfficerVerifiesItThenIsDispatched()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Sweden, ApiServer.Sara, f => f["identityVerification"] = "pending"));
        var (_, waiting) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", officer: ApiServer.Sara);
        Assert.Equal("awaiting-verification", (string?)waiting["status"]);
        Assert.Empty(await Api.DispatchedAsync(id));

        var (withoutMethod, refusal) = await Api.DecideAsync(id, Decision("verify", ApiServer.Sara));
        var (response, verified) = await Api.DecideAsync(id, Decision("verify", ApiServer.Sara, method: "id-document"));

        Assert.Equal(HttpStatusCode.BadRequest, withoutMethod.StatusCode);
        Assert.Equal("method", (string?)Assert.Single((JArray)refusal["errors"]!)["field"]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("dispatched", (string?)verified["status"]);
        Assert.Equal("id-document", (string?)verified["identityVerification"]);
        Assert.Equal(ApiServer.Sara, (string?)verified["verifiedBy"]);
        Assert.NotNull(verified["tasks"]);
        Assert.Equal([id], await Api.DispatchedAsync(id));
        var trail = await Api.Get<IAuditLog>().ReadAsync(id, Ct);
        Assert.Equal([AuditActions.Submitted, AuditActions.Verified, AuditActions.Dispatched], trail.Select(e => e.Action));
        Assert.Equal("id-document", trail[1].Details!["method"]);
    }

    [Fact]
    public async Task AnErasureNeedsASecondOfficersApproval()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Norway, ApiServer.Anna, f => f["requestType"] = "erasure"));
        var (_, waiting) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", officer: ApiServer.Anna);
        Assert.Equal("awaiting-approval", (string?)waiting["status"]);

        var (own, ownBody) = await Api.DecideAsync(id, Decision("approve", ApiServer.Anna));
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("Authorization", (string?)Assert.Single((JArray)ownBody["errors"]!)["field"]);
        Assert.Empty(await Api.DispatchedAsync(id));

        var (second, approved) = await Api.DecideAsync(id, Decision("approve", ApiServer.Bjorn));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("dispatched", (string?)approved["status"]);
        Assert.Equal(ApiServer.Bjorn, (string?)approved["approvedBy"]);
        Assert.Equal([id], await Api.DispatchedAsync(id));

        var trail = await Api.Get<IAuditLog>().ReadAsync(id, Ct);
        Assert.Equal(
            [AuditActions.Submitted, AuditActions.AccessDenied, AuditActions.Approved, AuditActions.Dispatched],
            trail.Select(e => e.Action));
        Assert.Equal(ApiServer.Anna, trail[1].Actor);
        Assert.True(TestAudit.Chain.Verify(trail).IsValid);
    }

    [Fact]
    public async Task TwoOfficersApprovingAtOnceDispatchTheRequestOnce()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Norway, ApiServer.Anna, f => f["requestType"] = "erasure"));

        // Bjorn twice at once: both read awaiting-approval, one conditional write wins, the other re-reads and finds it dispatched.
        var results = await Task.WhenAll(
            Api.DecideAsync(id, Decision("approve", ApiServer.Bjorn)),
            Api.DecideAsync(id, Decision("approve", ApiServer.Bjorn)));

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Conflict],
            results.Select(r => r.Response.StatusCode).Order());
        // The loser may find the approval stored before the winner recorded its dispatch, and sends the message too:
        // a retried approval whose first call died must not leave the request undispatched, and the planner is
        // idempotent, so a spare message plans nothing twice. The trail records one approval and one dispatch.
        var messages = await Api.DispatchedAsync(id);
        Assert.InRange(messages.Count, 1, 2);
        Assert.All(messages, m => Assert.Equal(id, m));
        var trail = await Api.Get<IAuditLog>().ReadAsync(id, Ct);
        Assert.Single(trail, e => e.Action == AuditActions.Approved);
        Assert.Single(trail, e => e.Action == AuditActions.Dispatched);
    }

    [Fact]
    public async Task AnOfficerOfAnotherEntityCannotDecideAndIsAudited()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Norway, ApiServer.Anna, f => f["identityVerification"] = "pending"));

        var (response, body) = await Api.DecideAsync(id, Decision("verify", ApiServer.Sara, method: "bankid"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("entity", (string?)Assert.Single((JArray)body["errors"]!)["field"]);
        var denied = (await Api.Get<IAuditLog>().ReadAsync(id, Ct))[^1];
        Assert.Equal(AuditActions.AccessDenied, denied.Action);
        Assert.Equal(ApiServer.Sara, denied.Actor);
        Assert.Equal("decision:verify", denied.Details!["operation"]);
        var (_, unchanged) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", officer: ApiServer.Anna);
        Assert.Equal("awaiting-verification", (string?)unchanged["status"]);
    }

    [Fact]
    public async Task ARejectionNeedsAReasonAndClosesTheRequest()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Norway, ApiServer.Anna, f => f["requestType"] = "erasure"));

        var (noReason, noReasonBody) = await Api.DecideAsync(id, Decision("reject", ApiServer.Bjorn));
        var (rejected, rejectedBody) = await Api.DecideAsync(id, Decision("reject", ApiServer.Bjorn, reason: "Identity could not be confirmed."));
        var (late, _) = await Api.DecideAsync(id, Decision("approve", ApiServer.Bjorn));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("reason", (string?)Assert.Single((JArray)noReasonBody["errors"]!)["field"]);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("rejected", (string?)rejectedBody["status"]);
        Assert.Equal("Identity could not be confirmed.", (string?)rejectedBody["rejectionReason"]);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Empty(await Api.DispatchedAsync(id));
        var trail = await Api.Get<IAuditLog>().ReadAsync(id, Ct);
        Assert.Equal("rejected", Assert.Single(trail, e => e.Action == AuditActions.Rejected).Outcome);
    }

    [Fact]
    public async Task TheDeadlineCanBeExtendedOnceWithAReason()
    {
        var form = Api.Form(Api.Norway, ApiServer.Anna);
        var id = await Api.SubmitAsync(form);
        var received = DateOnly.ParseExact((string)form["receivedOn"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (first, extended) = await Api.DecideAsync(id, Decision("extend", ApiServer.Bjorn, reason: "Many systems to search."));
        var (second, secondBody) = await Api.DecideAsync(id, Decision("extend", ApiServer.Anna, reason: "Still more to do."));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True((bool)extended["extended"]!);
        Assert.Equal(DeadlineCalculator.DueOn(received, Jurisdiction.NO, extended: true).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)extended["dueOn"]);
        Assert.Equal("Many systems to search.", (string?)extended["extensionReason"]);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("extended", (string?)Assert.Single((JArray)secondBody["errors"]!)["field"]);
        var trail = await Api.Get<IAuditLog>().ReadAsync(id, Ct);
        Assert.Single(trail, e => e.Action == AuditActions.Extended);
    }

    [Fact]
    public async Task AnInvalidDecisionBodyIs400ListingEveryProblem()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Sweden, ApiServer.Sara, f => f["identityVerification"] = "pending"));

        var (response, body) = await Api.DecideAsync(id, ApiServer.By(ApiServer.Sara, new JObject { ["decision"] = "escalate", ["officer"] = "sara@example.com", ["priority"] = 1 }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["decision", "officer", "priority"], ((JArray)body["errors"]!).Select(e => (string)e["field"]!).Order(StringComparer.Ordinal));
        Assert.Single(await Api.Get<IAuditLog>().ReadAsync(id, Ct));
    }

    [Fact]
    public async Task AnUnknownRequestIs404AndAMalformedIdIs400()
    {
        var unknown = new PrivacySync.Core.Requests.RequestIds(TimeProvider.System).Next();

        var (missing, _) = await Api.DecideAsync(unknown, Decision("approve", ApiServer.Bjorn));
        var (malformed, body) = await Api.DecideAsync("not-a-request", Decision("approve", ApiServer.Bjorn));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("id", (string?)Assert.Single((JArray)body["errors"]!)["field"]);
    }
}
