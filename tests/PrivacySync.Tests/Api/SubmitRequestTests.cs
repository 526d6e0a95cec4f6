using System.Globalization;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using PrivacySync.Core.Audit;
using PrivacySync.Core.Common;
using PrivacySync.Core.Deadlines;
using PrivacySync.Core.Persistence;
using PrivacySync.Core.Requests;
using PrivacySync.Functions.Api;
using PrivacySync.Tests.Core.Support;

namespace PrivacySync.Tests.Api;

/// <summary>POST /api/requests over real HTTP against the worker and Azurite: storing, idempotency, refusals, recovery.</summary>
public sealed class SubmitRequestTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    /// <summary>The scope SubmitRequest binds submission ids in (one for every entity).</summary>
    private const string SubmissionScope = "all-entities";

    private ApiServer Api => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ValidFormIsAcceptedStoredAndShownWithoutTheSubjectsData()
    {
        var form = Api.Form(Api.Sweden, ApiServer.Sara);

        var (response, accepted) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)accepted["requestId"]!;
        Assert.True(RequestIds.IsValid(id));
        var received = DateOnly.ParseExact((string)form["receivedOn"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var due = DeadlineCalculator.DueOn(received, Jurisdiction.SE, extended: false).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(new JObject { ["requestId"] = id, ["status"] = "dispatched", ["dueOn"] = due, ["statusUrl"] = $"/api/requests/{id}" }, accepted, JToken.EqualityComparer);

        var (status, shown) = await Api.SendAsync(HttpMethod.Get, (string)accepted["statusUrl"]!, officer: ApiServer.Sara);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("access", (string?)shown["type"]);
        Assert.Equal("dispatched", (string?)shown["status"]);
        Assert.Equal(Api.Sweden, (string?)shown["entity"]);
        Assert.Equal(form["receivedOn"], shown["receivedOn"]);
        Assert.Equal(due, (string?)shown["dueOn"]);
        Assert.Equal(ApiServer.Sara, (string?)shown["submittedBy"]);
        Assert.Equal("en", (string?)shown["language"]);
        Assert.Empty((JArray)shown["tasks"]!);
        Assert.Empty((JArray)shown["outputs"]!);
        var text = shown.ToString();
        Assert.DoesNotContain((string)form["subjectEmail"]!, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Kari", text, StringComparison.Ordinal);
        Assert.DoesNotContain("front desk", text, StringComparison.Ordinal);

        // The subject's data and the notes live in the subject store only.
        var subjects = Api.Get<ISubjectStore>();
        var subject = await subjects.GetAsync(id, Ct);
        Assert.Equal((string)form["subjectEmail"]!, subject!.Email);
        Assert.Equal("Kari Testesen", subject.Name);
        Assert.Equal("+47 912 34 567", subject.Phone);
        Assert.Equal("E-1001", subject.EmployeeId);
        Assert.Equal((string)form["notes"]!, await subjects.GetNotesAsync(id, Ct));

        var trail = await Api.Get<IAuditLog>().ReadAsync(id, Ct);
        Assert.Equal([AuditActions.Submitted, AuditActions.Dispatched], trail.Select(e => e.Action));
        Assert.Equal(ApiServer.Sara, trail[0].Actor);
        Assert.True(TestAudit.Chain.Verify(trail).IsValid);
        Assert.Equal([id], await Api.DispatchedAsync(id));
    }

    [Fact]
    public async Task LanguageDefaultsToTheEntitysLanguage()
    {
        var id = await Api.SubmitAsync(Api.Form(Api.Norway, ApiServer.Anna, f => f.Remove("language")));

        var (_, shown) = await Api.SendAsync(HttpMethod.Get, $"/api/requests/{id}", officer: ApiServer.Anna);

        Assert.Equal("nb", (string?)shown["language"]);
    }

    [Fact]
    public async Task ResubmittingTheSameFormAnswers200WithTheSameRequestAndQueuesItOnce()
    {
        var form = Api.Form(Api.Sweden, ApiServer.Sara);
        var (first, firstBody) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form);

        var (second, secondBody) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstBody, secondBody, JToken.EqualityComparer);
        var id = (string)firstBody["requestId"]!;
        Assert.Single(await Api.DispatchedAsync(id));
        var trail = await Api.Get<IAuditLog>().ReadAsync(id, Ct);
        Assert.Single(trail, e => e.Action == AuditActions.Submitted);
    }

    [Fact]
    public async Task AFormBoundBeforeACrashIsCompletedUnderTheBoundId()
    {
        // A crash right after binding the submission leaves the binding and nothing else.
        var form = Api.Form(Api.Sweden, ApiServer.Sara);
        var boundId = new RequestIds(TimeProvider.System).Next();
        await Api.Get<IRequestStore>().BindSubmissionAsync(SubmissionScope, (string)form["submissionId"]!, boundId, Ct);

        var (response, body) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(boundId, (string?)body["requestId"]);
        Assert.NotNull(await Api.Get<IRequestStore>().GetAsync(boundId, Ct));
        Assert.NotNull(await Api.Get<ISubjectStore>().GetAsync(boundId, Ct));
        Assert.Equal([boundId], await Api.DispatchedAsync(boundId));
    }

    [Fact]
    public async Task ACrashBeforeQueueingIsRepairedWhenTheFormIsSentAgain()
    {
        // A crash after storing the request but before its audit events and dispatch message.
        var form = Api.Form(Api.Sweden, ApiServer.Sara);
        var submissionId = (string)form["submissionId"]!;
        var receivedOn = DateOnly.ParseExact((string)form["receivedOn"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var stored = Api.Get<RequestLifecycle>().Submit(new SubmitRequestCommand(
            RequestType.Access, Api.Sweden, receivedOn, ApiServer.Sara, submissionId, IdentityVerification.BankId, Language.English));
        var request = stored.Request!;
        var store = Api.Get<IRequestStore>();
        await store.BindSubmissionAsync(SubmissionScope, submissionId, request.RequestId, Ct);
        Assert.True(await store.TryCreateAsync(request, Ct));

        var (response, body) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(request.RequestId, (string?)body["requestId"]);
        Assert.Equal([request.RequestId], await Api.DispatchedAsync(request.RequestId));
        var trail = await Api.Get<IAuditLog>().ReadAsync(request.RequestId, Ct);
        Assert.Equal([AuditActions.Submitted, AuditActions.Dispatched], trail.Select(e => e.Action));

        // Once repaired, a third submission changes nothing.
        await Api.SendAsync(HttpMethod.Post, "/api/requests", form);
        Assert.Single(await Api.DispatchedAsync(request.RequestId));
    }

    [Fact]
    public async Task AnOfficerOfAnotherEntityIs403AndTheAttemptIsAudited()
    {
        var form = Api.Form(Api.Norway, ApiServer.Ola);

        var (response, body) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("legalEntity", (string?)Assert.Single((JArray)body["errors"]!)["field"]);
        var chain = AccessDenials.SubmissionChainId(Api.Norway, DateTimeOffset.UtcNow);
        var trail = await Api.Get<IAuditLog>().ReadAsync(chain, Ct);
        var denied = Assert.Single(trail, e => e.Actor == ApiServer.Ola);
        Assert.Equal(AuditActions.AccessDenied, denied.Action);
        Assert.Equal("submit", denied.Details!["operation"]);
        Assert.True(TestAudit.Chain.Verify(trail).IsValid);
        Assert.DoesNotContain((string)form["subjectEmail"]!, CoreJson.Serialize(trail), StringComparison.Ordinal);

        // Nothing was stored: the same submission id from an allowed officer creates a new request.
        Assert.Equal(HttpStatusCode.Accepted, (await Api.SendAsync(HttpMethod.Post, "/api/requests", form, officer: ApiServer.Anna)).Response.StatusCode);
    }

    [Fact]
    public async Task AProcessorEntityActsOnlyOnTheControllersInstruction()
    {
        var withoutInstruction = await Api.SendAsync(HttpMethod.Post, "/api/requests", Api.Form(Api.Processor, ApiServer.Ola));
        var withInstruction = await Api.SendAsync(HttpMethod.Post, "/api/requests", Api.Form(Api.Processor, ApiServer.Ola, f => f["controllerInstruction"] = "EMP-2026-114"));

        Assert.Equal(HttpStatusCode.BadRequest, withoutInstruction.Response.StatusCode);
        Assert.Equal("controllerInstruction", (string?)Assert.Single((JArray)withoutInstruction.Body["errors"]!)["field"]);
        Assert.Equal(HttpStatusCode.Accepted, withInstruction.Response.StatusCode);
        var (_, shown) = await Api.SendAsync(HttpMethod.Get, (string)withInstruction.Body["statusUrl"]!, officer: ApiServer.Ola);
        Assert.Equal("EMP-2026-114", (string?)shown["controllerInstruction"]);
    }

    [Fact]
    public async Task ReusingASubmissionIdForOtherContentIs409NamingTheFieldAndChangesNothing()
    {
        var form = Api.Form(Api.Sweden, ApiServer.Sara);
        var id = await Api.SubmitAsync(form);
        var cases = new (string Field, Func<JObject, JObject> Change, string? Officer)[]
        {
            ("subjectEmail", f => { f["subjectEmail"] = $"someone.else.{Guid.NewGuid():N}@example.com"; return f; }, null),
            ("subjectName", f => { f["subjectName"] = "Ola Annen"; return f; }, null),
            ("employeeId", f => { f["employeeId"] = "E-2002"; return f; }, null),
            ("requestType", f => { f["requestType"] = "erasure"; return f; }, null),
            ("receivedOn", f => { f["receivedOn"] = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); return f; }, null),
            ("legalEntity", f => { f["legalEntity"] = Api.Listing; return f; }, null),
        };

        foreach (var (field, change, officer) in cases)
        {
            var reused = change((JObject)form.DeepClone());
            var (response, body) = await Api.SendAsync(HttpMethod.Post, "/api/requests", reused, officer: officer ?? ApiServer.Sara);

            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{field}: expected 409, got {(int)response.StatusCode}: {body}");
            Assert.Equal(field, (string?)Assert.Single((JArray)body["errors"]!)["field"]);
        }

        var subject = await Api.Get<ISubjectStore>().GetAsync(id, Ct);
        Assert.Equal((string)form["subjectEmail"]!, subject!.Email);
        Assert.Single(await Api.DispatchedAsync(id));
        Assert.Single(await Api.Get<IAuditLog>().ReadAsync(id, Ct), e => e.Action == AuditActions.Submitted);
        var (again, _) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task ReusingASubmissionIdAsAnotherOfficerIs409()
    {
        var form = Api.Form(Api.Norway, ApiServer.Anna);
        await Api.SubmitAsync(form);

        var (response, body) = await Api.SendAsync(HttpMethod.Post, "/api/requests", form, officer: ApiServer.Bjorn);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("submittedBy", (string?)Assert.Single((JArray)body["errors"]!)["field"]);
    }

    [Fact]
    public async Task ABodyOver64KiBIs413WhetherItsLengthIsDeclaredOrNot()
    {
        var form = Api.Form(Api.Sweden, ApiServer.Sara, f => f["notes"] = new string('x', 70 * 1024));
        var bytes = Encoding.UTF8.GetBytes(form.ToString());

        var sara = await Api.AsAsync(ApiServer.Sara);
        var declared = await sara.PostAsync("/api/requests", new ByteArrayContent(bytes) { Headers = { { "Content-Type", "application/json" } } }, Ct);
        var chunked = await sara.PostAsync("/api/requests", new StreamContent(new UnknownLengthStream(bytes)) { Headers = { { "Content-Type", "application/json" } } }, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        form["notes"] = "short";
        Assert.Equal(HttpStatusCode.Accepted, (await Api.SendAsync(HttpMethod.Post, "/api/requests", form)).Response.StatusCode);
    }

    /// <summary>A stream that cannot tell its length, so HttpClient sends it chunked without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
